package org.passerelle.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The job periods claimed ({@code job_run}, migration V29), with plain JDBC. A period is claimed
 * by inserting its row, which the primary key lets one node do; or by taking over the unfinished
 * row of a node boot that is no longer alive (no heartbeat since {@code deadBefore}), so that a
 * period whose node died mid-run is run by the next node that asks. A run that failed gives its
 * period up, for the next firing to try again.
 */
final class JobRuns {

    private final Connection db;

    JobRuns(Connection db) {
        this.db = db;
    }

    /** @return whether the period is now this node boot's to run */
    boolean claim(JobPeriod period, String nodeId, String boot, Instant now, Instant deadBefore) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into job_run (job, period, node_id, boot, started_at)"
                + " values (?, ?, ?, ?, ?) on conflict do nothing")) {
            insert.setString(1, period.job().key());
            insert.setLong(2, period.number());
            insert.setString(3, nodeId);
            insert.setString(4, boot);
            insert.setObject(5, utc(now));
            if (insert.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement takeOver = db.prepareStatement("update job_run set node_id = ?, boot = ?, started_at = ?"
                + " where job = ? and period = ? and finished_at is null and not exists (select 1 from cluster_node n"
                + " where n.node_id = job_run.node_id and n.boot = job_run.boot and n.heartbeat_at >= ?)")) {
            takeOver.setString(1, nodeId);
            takeOver.setString(2, boot);
            takeOver.setObject(3, utc(now));
            takeOver.setString(4, period.job().key());
            takeOver.setLong(5, period.number());
            takeOver.setObject(6, utc(deadBefore));
            return takeOver.executeUpdate() == 1;
        }
    }

    void finished(JobPeriod period, String nodeId, String boot, Instant now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update job_run set finished_at = ?"
                + " where job = ? and period = ? and node_id = ? and boot = ?")) {
            update.setObject(1, utc(now));
            update.setString(2, period.job().key());
            update.setLong(3, period.number());
            update.setString(4, nodeId);
            update.setString(5, boot);
            update.executeUpdate();
        }
    }

    void abandoned(JobPeriod period, String nodeId, String boot) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("delete from job_run"
                + " where job = ? and period = ? and node_id = ? and boot = ? and finished_at is null")) {
            delete.setString(1, period.job().key());
            delete.setLong(2, period.number());
            delete.setString(3, nodeId);
            delete.setString(4, boot);
            delete.executeUpdate();
        }
    }

    /** Deletes the record of the periods started before then. */
    int forget(Instant before) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("delete from job_run where started_at < ?")) {
            delete.setObject(1, utc(before));
            return delete.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
