package org.passerelle.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.settings.Setting;

/**
 * Deletes the tracking rows (message, recipients, attempts, content: the foreign keys cascade) of
 * messages that left the queue more than {@code PSL_TRACKING_DAYS} ago, every night, a thousand at a
 * time so that no transaction holds many locks. The monthly report does not need them: the daily
 * rollup keeps the figures. Nodes doing it at the same time delete disjoint or already deleted rows.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrackingExpiry {

    private static final Logger LOG = Logger.getLogger(TrackingExpiry.class.getName());
    private static final int BATCH = 1000;
    static final String DELETE = "delete from message where queue_id in (select queue_id from message"
            + " where state in ('DELIVERED', 'BOUNCED', 'DELETED') and state_changed_at < ? fetch first " + BATCH + " rows only)";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final Clock clock = Clock.systemUTC();

    @Schedule(hour = "3", minute = "17", persistent = false)
    public void expire() {
        int days = Setting.integer("psl.tracking-days");
        if (days < 1) {
            LOG.severe(() -> "PSL_TRACKING_DAYS must be at least 1, not " + days + ": no tracking rows deleted");
            return;
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
            LOG.warning("tracking rows not expired, tried again tomorrow: " + e);
            return;
        }
        long total = deleted;
        LOG.info(() -> "tracking: " + total + " messages settled before " + before + " deleted (PSL_TRACKING_DAYS=" + days + ")");
    }
}
