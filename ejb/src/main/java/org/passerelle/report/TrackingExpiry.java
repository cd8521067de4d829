package org.passerelle.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.settings.Setting;

/**
 * Deletes the tracking rows (message, recipients, attempts, content: the foreign keys cascade) of
 * messages that left the queue more than {@code PSL_TRACKING_DAYS} ago, every night, a thousand at a
 * time so that no transaction holds many locks. The monthly report does not need them: the daily
 * rollup keeps the figures. One node does it each day ({@link ClusterJobs}); the schedule fires every
 * hour from 3:17 on, so that a day whose run failed, or whose node died, is done by the next firing.
 * The record of the job periods older than {@value #JOB_RUN_DAYS} days goes with it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrackingExpiry {

    private static final Logger LOG = Logger.getLogger(TrackingExpiry.class.getName());
    private static final int BATCH = 1000;
    static final int JOB_RUN_DAYS = 30;
    static final String DELETE = "delete from message where queue_id in (select queue_id from message"
            + " where state in ('DELIVERED', 'BOUNCED', 'DELETED') and state_changed_at < ? fetch first " + BATCH + " rows only)";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private ClusterJobs jobs;

    private final Clock clock = Clock.systemUTC();

    @Schedule(hour = "3-23", minute = "17", persistent = false)
    public void expire() {
        jobs.once(JobPeriod.day(ClusterJob.TRACKING_EXPIRY, LocalDate.now()), this::expireNow);
    }

    /** @return whether the run went through (false: tried again at the next firing) */
    private boolean expireNow() {
        int days = Setting.integer("psl.tracking-days");
        if (days < 1) {
            LOG.severe(() -> "PSL_TRACKING_DAYS must be at least 1, not " + days + ": no tracking rows deleted");
            return true;
        }
        Instant before = clock.instant().minus(Duration.ofDays(days));
        long deleted = 0;
        try (Connection db = dataSource.getConnection(); PreparedStatement delete = db.prepareStatement(DELETE)) {
            delete.setObject(1, before.atOffset(ZoneOffset.UTC));
            int batch;
            do {
                batch = delete.executeUpdate();
                deleted += batch;
            } while (batch == BATCH);
        } catch (SQLException e) {
            LOG.warning("tracking rows not expired, tried again within the hour: " + e);
            return false;
        }
        long total = deleted;
        LOG.info(() -> "tracking: " + total + " messages settled before " + before + " deleted (PSL_TRACKING_DAYS=" + days + ")");
        try {
            jobs.forget(clock.instant().minus(Duration.ofDays(JOB_RUN_DAYS)));
        } catch (RuntimeException e) {
            LOG.warning(() -> "the record of the old job periods was not deleted, tried again tomorrow: " + e.getMessage());
        }
        return true;
    }
}
