package org.passerelle.rate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.passerelle.schema.Databases;

/**
 * The rate tables (migration V22), with plain JDBC: counts are added by upserts, so that several
 * nodes add to the same rows, and the sliding hour is summed from its slices.
 */
final class RateTables {

    /** How long the hourly history is kept: the four weeks the anomaly check reads, and a margin. */
    static final Duration HISTORY = Duration.ofDays(35);

    private final Connection db;
    private final boolean postgresql;

    RateTables(Connection db) throws SQLException {
        this.db = db;
        this.postgresql = Databases.isPostgresql(db);
    }

    /** Adds a node's counts to their slice, and those of applications to their clock hour. */
    void add(Map<RateKey, Long> counts, Instant slice, Instant hour) throws SQLException {
        try (PreparedStatement slices = db.prepareStatement(upsert("rate_slice", "slice_start"));
             PreparedStatement hours = db.prepareStatement(upsert("rate_hour", "hour_start"))) {
            for (Map.Entry<RateKey, Long> count : counts.entrySet()) {
                bind(slices, count.getKey(), slice, count.getValue());
                slices.addBatch();
                if (count.getKey().kind() != RateKind.CONNECTIONS) {
                    bind(hours, count.getKey(), hour, count.getValue());
                    hours.addBatch();
                }
            }
            slices.executeBatch();
            hours.executeBatch();
        }
    }

    /** The sums of the slices from {@code firstSlice} on, per kind and subject. */
    Map<RateKey, Long> sums(Instant firstSlice) throws SQLException {
        Map<RateKey, Long> sums = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("select kind, subject, sum(counted) from rate_slice where slice_start >= ?"
                + " group by kind, subject")) {
            select.setObject(1, utc(firstSlice));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sums.put(new RateKey(RateKind.of(rows.getString(1)), rows.getString(2)), rows.getLong(3));
                }
            }
        }
        return sums;
    }

    /** The busiest subjects of a kind from {@code firstSlice} on, most first. */
    List<RateFigure> busiest(RateKind kind, Instant firstSlice, int offset, int limit) throws SQLException {
        List<RateFigure> figures = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select subject, sum(counted) as total from rate_slice"
                + " where kind = ? and slice_start >= ? group by subject order by total desc, subject limit ? offset ?")) {
            select.setString(1, kind.key());
            select.setObject(2, utc(firstSlice));
            select.setInt(3, limit);
            select.setInt(4, offset);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    figures.add(new RateFigure(kind.key(), rows.getString(1), rows.getLong(2)));
                }
            }
        }
        return figures;
    }

    /** How many subjects of a kind were counted from {@code firstSlice} on. */
    long subjects(RateKind kind, Instant firstSlice) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select count(distinct subject) from rate_slice where kind = ? and slice_start >= ?")) {
            select.setString(1, kind.key());
            select.setObject(2, utc(firstSlice));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The applications' message volumes of the given clock hours, by application. */
    Map<String, List<Long>> hourly(RateKind kind, Collection<Instant> hours) throws SQLException {
        Map<String, List<Long>> volumes = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("select subject, counted from rate_hour where kind = ? and hour_start = ?")) {
            for (Instant hour : hours) {
                select.setString(1, kind.key());
                select.setObject(2, utc(hour));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        volumes.computeIfAbsent(rows.getString(1), s -> new ArrayList<>()).add(rows.getLong(2));
                    }
                }
            }
        }
        return volumes;
    }

    /** Deletes the slices before {@code firstSlice} and the history older than {@link #HISTORY}. */
    void expire(Instant firstSlice, Instant now) throws SQLException {
        try (PreparedStatement slices = db.prepareStatement("delete from rate_slice where slice_start < ?");
             PreparedStatement hours = db.prepareStatement("delete from rate_hour where hour_start < ?")) {
            slices.setObject(1, utc(firstSlice));
            slices.executeUpdate();
            hours.setObject(1, utc(now.minus(HISTORY)));
            hours.executeUpdate();
        }
    }

    /**
     * Takes the right to send this alert: only if none of its subject and level was sent after
     * {@code since}, on any node.
     */
    boolean claim(RateAlert alert, Instant now, Instant since) throws SQLException {
        String sql = postgresql
                ? "insert into rate_alert (kind, subject, alert_level, alerted_at) values (?, ?, ?, ?)"
                        + " on conflict (kind, subject, alert_level) do update set alerted_at = excluded.alerted_at"
                        + " where rate_alert.alerted_at <= ?"
                : "merge into rate_alert t using (values (cast(? as varchar(16)), cast(? as varchar(256)), cast(? as varchar(16)),"
                        + " cast(? as timestamp with time zone))) s (kind, subject, alert_level, alerted_at)"
                        + " on t.kind = s.kind and t.subject = s.subject and t.alert_level = s.alert_level"
                        + " when matched and t.alerted_at <= cast(? as timestamp with time zone) then update set alerted_at = s.alerted_at"
                        + " when not matched then insert (kind, subject, alert_level, alerted_at)"
                        + " values (s.kind, s.subject, s.alert_level, s.alerted_at)";
        try (PreparedStatement claim = db.prepareStatement(sql)) {
            claim.setString(1, alert.key().kind().key());
            claim.setString(2, alert.key().subject());
            claim.setString(3, alert.level().key());
            claim.setObject(4, utc(now));
            claim.setObject(5, utc(since));
            return claim.executeUpdate() > 0;
        }
    }

    // H2 (the run command's database) has no "on conflict do update"; the standard MERGE does the same
    private String upsert(String table, String time) {
        return postgresql
                ? "insert into " + table + " (kind, subject, " + time + ", counted) values (?, ?, ?, ?) on conflict (kind, subject, "
                        + time + ") do update set counted = " + table + ".counted + excluded.counted"
                : "merge into " + table + " t using (values (cast(? as varchar(16)), cast(? as varchar(256)),"
                        + " cast(? as timestamp with time zone), cast(? as bigint))) s (kind, subject, " + time + ", counted)"
                        + " on t.kind = s.kind and t.subject = s.subject and t." + time + " = s." + time
                        + " when matched then update set counted = t.counted + s.counted"
                        + " when not matched then insert (kind, subject, " + time + ", counted) values (s.kind, s.subject, s." + time
                        + ", s.counted)";
    }

    private static void bind(PreparedStatement statement, RateKey key, Instant time, long count) throws SQLException {
        statement.setString(1, key.kind().key());
        statement.setString(2, key.subject());
        statement.setObject(3, utc(time));
        statement.setLong(4, count);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
