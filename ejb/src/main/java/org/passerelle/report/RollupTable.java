package org.passerelle.report;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.passerelle.schema.Databases;

/**
 * The daily rollup (migration V25, table {@code traffic_day}) with plain JDBC. Figures are added by
 * upserts, one row per day, application and site whatever the figures, so that several nodes and
 * the delivery rounds add to the same rows.
 */
public final class RollupTable {

    private static final TrafficCounter[] COUNTERS = TrafficCounter.values();

    private final Connection db;
    private final boolean postgresql;

    public RollupTable(Connection db) throws SQLException {
        this.db = db;
        this.postgresql = Databases.isPostgresql(db);
    }

    /** Adds the figures, in one batch of one upsert per day, application and site. */
    public void add(Map<RollupKey, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        Map<RollupKey, Map<TrafficCounter, Long>> rows = new HashMap<>();
        counts.forEach((key, count) -> rows.computeIfAbsent(new RollupKey(key.day(), key.application(), key.site(), null),
                k -> new EnumMap<>(TrafficCounter.class)).merge(key.counter(), count, Long::sum));
        try (PreparedStatement upsert = db.prepareStatement(upsert())) {
            for (Map.Entry<RollupKey, Map<TrafficCounter, Long>> row : rows.entrySet()) {
                upsert.setDate(1, Date.valueOf(row.getKey().day()));
                upsert.setString(2, row.getKey().application());
                upsert.setString(3, row.getKey().site());
                for (int i = 0; i < COUNTERS.length; i++) {
                    upsert.setLong(4 + i, row.getValue().getOrDefault(COUNTERS[i], 0L));
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * The messages each application had accepted per month, over the months from {@code first} to
     * {@code last}, through one site or (empty) all of them.
     */
    public Map<String, Map<YearMonth, Long>> acceptedPerMonth(YearMonth first, YearMonth last, Optional<String> site) throws SQLException {
        Map<String, Map<YearMonth, Long>> traffic = new HashMap<>();
        String sql = "select application, extract(year from traffic_on), extract(month from traffic_on), sum(accepted) from traffic_day"
                + " where traffic_on >= ? and traffic_on <= ?" + (site.isPresent() ? " and site = ?" : "")
                + " group by application, extract(year from traffic_on), extract(month from traffic_on)";
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setDate(1, Date.valueOf(first.atDay(1)));
            select.setDate(2, Date.valueOf(last.atEndOfMonth()));
            if (site.isPresent()) {
                select.setString(3, site.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    traffic.computeIfAbsent(rows.getString(1), a -> new HashMap<>())
                            .merge(YearMonth.of(rows.getInt(2), rows.getInt(3)), rows.getLong(4), Long::sum);
                }
            }
        }
        return traffic;
    }

    /** The sites that had traffic in the month, by name. */
    public List<String> sitesOf(YearMonth month) throws SQLException {
        TreeSet<String> sites = new TreeSet<>();
        try (PreparedStatement select = db.prepareStatement("select distinct site from traffic_day where traffic_on >= ? and traffic_on <= ?")) {
            select.setDate(1, Date.valueOf(month.atDay(1)));
            select.setDate(2, Date.valueOf(month.atEndOfMonth()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sites.add(rows.getString(1));
                }
            }
        }
        return new ArrayList<>(sites);
    }

    /** One day's row of an application at a site, every figure (zeros when there is none). */
    public Map<TrafficCounter, Long> day(LocalDate day, String application, String site) throws SQLException {
        Map<TrafficCounter, Long> figures = new EnumMap<>(TrafficCounter.class);
        for (TrafficCounter counter : COUNTERS) {
            figures.put(counter, 0L);
        }
        try (PreparedStatement select = db.prepareStatement("select accepted, delivered, deferred, bounced, refused, bytes"
                + " from traffic_day where traffic_on = ? and application = ? and site = ?")) {
            select.setDate(1, Date.valueOf(day));
            select.setString(2, application);
            select.setString(3, site);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    for (int i = 0; i < COUNTERS.length; i++) {
                        figures.put(COUNTERS[i], rows.getLong(i + 1));
                    }
                }
            }
        }
        return figures;
    }

    // H2 (the run command's database) has no "on conflict do update"; the standard MERGE does the same
    private String upsert() {
        StringBuilder columns = new StringBuilder("traffic_on, application, site");
        StringBuilder add = new StringBuilder();
        StringBuilder merged = new StringBuilder();
        StringBuilder casts = new StringBuilder("cast(? as date), cast(? as varchar(64)), cast(? as varchar(64))");
        for (TrafficCounter counter : COUNTERS) {
            String c = counter.column();
            columns.append(", ").append(c);
            add.append(add.isEmpty() ? "" : ", ").append(c).append(" = traffic_day.").append(c).append(" + excluded.").append(c);
            merged.append(merged.isEmpty() ? "" : ", ").append(c).append(" = t.").append(c).append(" + s.").append(c);
            casts.append(", cast(? as bigint)");
        }
        if (postgresql) {
            return "insert into traffic_day (" + columns + ") values (" + "?, ".repeat(COUNTERS.length + 2) + "?)"
                    + " on conflict (traffic_on, application, site) do update set " + add;
        }
        return "merge into traffic_day t using (values (" + casts + ")) s (" + columns + ")"
                + " on t.traffic_on = s.traffic_on and t.application = s.application and t.site = s.site"
                + " when matched then update set " + merged
                + " when not matched then insert (" + columns + ") values (s." + columns.toString().replace(", ", ", s.") + ")";
    }
}
