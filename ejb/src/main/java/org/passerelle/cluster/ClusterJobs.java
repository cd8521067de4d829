package org.passerelle.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Runs a scheduled job once per period across the nodes ({@link #once}). Every node's timer fires;
 * the first to claim the period runs it, the others skip it. The claim is written and committed in
 * a transaction of its own (REQUIRES_NEW): enlisted in the timer's transaction, it would be seen by
 * the other nodes only once the run ended, and they would all run. A node that dies mid-run loses
 * its unfinished period to the next node that asks ({@link JobRuns}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class.getName());

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private SessionContext context;

    @Inject
    private NodeIdentity node;

    private final Clock clock = Clock.systemUTC();

    /**
     * Runs the job's period here if this node claims it. The run says whether it completed: if so the
     * period is marked finished; if not, or if it throws (the exception goes on to the caller), the
     * period is given up and the next firing (on any node) tries it again. A claim the database
     * could not take is logged and skipped: the next firing asks again.
     *
     * @return whether this node ran the period
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean once(JobPeriod period, BooleanSupplier run) {
        ClusterJobs self = context.getBusinessObject(ClusterJobs.class);
        try {
            if (!self.claim(period)) {
                LOG.fine(() -> period + " is another node's");
                return false;
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> period + " not run by this node: " + e.getMessage());
            return false;
        }
        boolean completed = false;
        try {
            completed = run.getAsBoolean();
        } finally {
            settle(self, period, completed);
        }
        return true;
    }

    private static void settle(ClusterJobs self, JobPeriod period, boolean completed) {
        try {
            if (completed) {
                self.finished(period);
            } else {
                self.abandoned(period);
            }
        } catch (RuntimeException e) {
            // unfinished, it stays this live node's: the next period runs as usual
            LOG.warning(() -> period + " ran but was not marked " + (completed ? "finished" : "given up") + ": " + e.getMessage());
        }
    }

    /** @return whether the period is now this node's to run: nobody claimed it, or its node is dead */
    public boolean claim(JobPeriod period) {
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            return new JobRuns(db).claim(period, node.nodeId(), node.boot(), now, Liveness.fromServer().deadBefore(now));
        } catch (SQLException e) {
            throw new IllegalStateException("claiming " + period + " failed", e);
        }
    }

    public void finished(JobPeriod period) {
        try (Connection db = dataSource.getConnection()) {
            new JobRuns(db).finished(period, node.nodeId(), node.boot(), clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("marking " + period + " finished failed", e);
        }
    }

    public void abandoned(JobPeriod period) {
        try (Connection db = dataSource.getConnection()) {
            new JobRuns(db).abandoned(period, node.nodeId(), node.boot());
        } catch (SQLException e) {
            throw new IllegalStateException("giving " + period + " up failed", e);
        }
    }

    /** Deletes the record of the periods started before then. */
    public int forget(Instant before) {
        try (Connection db = dataSource.getConnection()) {
            return new JobRuns(db).forget(before);
        } catch (SQLException e) {
            throw new IllegalStateException("deleting the job periods before " + before + " failed", e);
        }
    }
}
