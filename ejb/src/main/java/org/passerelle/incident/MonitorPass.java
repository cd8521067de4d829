package org.passerelle.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.JobLock;
import org.passerelle.settings.Setting;

/**
 * One run of the monitors that read the database, in one transaction: takes the job's lock
 * ({@link JobLock}: a run of another period still going on, this one is skipped),
 * reads the delivery attempts, the queue and the rate alerts, adds what the caller saw outside the
 * database, and raises and resolves incidents as {@link MonitorRun} decides.
 */
@Stateless
public class MonitorPass {

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private Incidents incidents;

    /**
     * What the caller saw outside the database this run.
     *
     * @param looked the monitors among them that could look (a directory that failed to answer did look)
     * @param pastOutage a database outage that has just ended, to record
     */
    public record Outside(List<MonitorCondition> seen, Set<Monitor> looked, Optional<MonitorCondition> pastOutage) {
    }

    /** @return the incidents raised or resolved; empty when another run holds the job's lock */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<List<Incident>> run(Outside outside, IncidentSettings settings, Instant now) {
        List<MonitorCondition> seen = new ArrayList<>(outside.seen());
        Set<Monitor> looked = outside.looked().isEmpty() ? EnumSet.noneOf(Monitor.class) : EnumSet.copyOf(outside.looked());
        try (Connection db = dataSource.getConnection()) {
            if (!JobLock.take(db, ClusterJob.INCIDENT_MONITORS)) {
                return Optional.empty();
            }
            seen.addAll(NextHopHealth.failing(hops(db, now.minus(NextHopHealth.lookBack(settings.nextHopFailing()))), now,
                    settings.nextHopFailing()));
            looked.add(Monitor.NEXT_HOP);
            QueueAge.tooOld(oldest(db), waiting(db), now, settings.queueAge()).ifPresent(seen::add);
            looked.add(Monitor.QUEUE_AGE);
            long[] attempts = attempts(db, now.minus(settings.failureWindow()));
            DeliveryFailures.aboveRate(attempts[0], attempts[1], settings.failurePercent(), settings.failureMinimum(),
                    settings.failureWindow()).ifPresent(seen::add);
            looked.add(Monitor.DELIVERY_FAILURES);
            Duration rateWindow = Setting.seconds("psl.rate.window-seconds");
            seen.addAll(RateAlertIncidents.active(rateAlerts(db, now.minus(rateWindow)), now, rateWindow));
            looked.add(Monitor.RATE);
            outbreak(db).ifPresent(seen::add);
            looked.add(Monitor.VIRUS_OUTBREAK);
        } catch (SQLException e) {
            throw new IllegalStateException("the incident monitors could not read the database", e);
        }
        List<Incident> changed = new ArrayList<>();
        outside.pastOutage().map(incidents::recordPastOutage).ifPresent(changed::add);
        changed.addAll(incidents.apply(MonitorRun.decide(seen, looked, incidents.activeMonitorIncidents())));
        return Optional.of(changed);
    }

    private static List<NextHopHealth.HopAttempts> hops(Connection db, Instant since) throws SQLException {
        Map<String, Instant> answered = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("select next_hop, max(attempted_at) from delivery_attempt"
                + " where attempted_at >= ? and outcome <> 'PENDING' and next_hop <> 'none' group by next_hop")) {
            select.setObject(1, utc(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    answered.put(rows.getString(1), instant(rows, 2));
                }
            }
        }
        List<NextHopHealth.HopAttempts> hops = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select next_hop, max(attempted_at) from delivery_attempt"
                + " where attempted_at >= ? and outcome = 'PENDING' and next_hop <> 'none' group by next_hop")) {
            select.setObject(1, utc(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String hop = rows.getString(1);
                    Instant lastDeferred = instant(rows, 2);
                    Instant lastAnswered = answered.get(hop);
                    hops.add(new NextHopHealth.HopAttempts(hop, lastAnswered, lastDeferred, null, null));
                }
            }
        }
        List<NextHopHealth.HopAttempts> read = new ArrayList<>();
        for (NextHopHealth.HopAttempts hop : hops) {
            if (hop.lastAnswered() != null && !hop.lastDeferred().isAfter(hop.lastAnswered())) {
                read.add(hop);
                continue;
            }
            // only for the hops whose last attempt was deferred: when did that run of deferrals start
            try (PreparedStatement first = db.prepareStatement("select min(attempted_at) from delivery_attempt"
                    + " where next_hop = ? and outcome = 'PENDING' and attempted_at > ?");
                 PreparedStatement reply = db.prepareStatement("select reply_code, reply_text from delivery_attempt"
                         + " where next_hop = ? and attempted_at = ? and outcome = 'PENDING'")) {
                first.setString(1, hop.nextHop());
                first.setObject(2, utc(hop.lastAnswered() == null ? since : hop.lastAnswered()));
                Instant deferredSince;
                try (ResultSet row = first.executeQuery()) {
                    row.next();
                    deferredSince = instant(row, 1);
                }
                reply.setString(1, hop.nextHop());
                reply.setObject(2, utc(hop.lastDeferred()));
                String lastReply = "";
                try (ResultSet row = reply.executeQuery()) {
                    if (row.next()) {
                        lastReply = row.getInt(1) + " " + row.getString(2);
                    }
                }
                read.add(new NextHopHealth.HopAttempts(hop.nextHop(), hop.lastAnswered(), hop.lastDeferred(), deferredSince, lastReply));
            }
        }
        return read;
    }

    private static Optional<QueueAge.Oldest> oldest(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select queue_id, received_at from message"
                + " where state in ('QUEUED', 'DEFERRED') order by received_at limit 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new QueueAge.Oldest(row.getString(1), instant(row, 2))) : Optional.empty();
        }
    }

    private static long waiting(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select count(*) from message where state in ('QUEUED', 'DEFERRED')");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The attempts since then, and how many of them were not delivered. */
    private static long[] attempts(Connection db, Instant since) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select count(*), coalesce(sum(case when outcome <> 'DELIVERED' then 1 else 0 end), 0)"
                + " from delivery_attempt where attempted_at >= ? and next_hop <> 'none'")) {
            select.setObject(1, utc(since));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    private static Optional<MonitorCondition> outbreak(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select turned_on, changed_by, changed_at from content_switch where name = 'outbreak'");
             ResultSet row = select.executeQuery()) {
            return row.next() ? VirusOutbreak.declared(row.getBoolean(1), row.getString(2), instant(row, 3)) : Optional.empty();
        }
    }

    private static List<RateAlertIncidents.Claimed> rateAlerts(Connection db, Instant since) throws SQLException {
        List<RateAlertIncidents.Claimed> claimed = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select kind, subject, alert_level, alerted_at from rate_alert where alerted_at > ?")) {
            select.setObject(1, utc(since));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new RateAlertIncidents.Claimed(rows.getString(1), rows.getString(2), rows.getString(3), instant(rows, 4)));
                }
            }
        }
        return claimed;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
