package org.passerelle.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Keeps two runs of a job from overlapping, whichever node or request started them: the job's
 * PostgreSQL advisory lock, held until the caller's transaction ends (a node that dies mid-run
 * frees it with its connection). Needed beside the period's claim ({@link ClusterJobs}) by the
 * jobs that may also be run on request or outlast their interval. On H2 (the run command's
 * database, one node) there is nobody to overlap with.
 */
public final class JobLock {

    private JobLock() {
    }

    /** @return whether this transaction now holds the job's lock; false when another run holds it */
    public static boolean take(Connection db, ClusterJob job) throws SQLException {
        if (!db.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql")) {
            return true;
        }
        try (PreparedStatement lock = db.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, job.lock());
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
