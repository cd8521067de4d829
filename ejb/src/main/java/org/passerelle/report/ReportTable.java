package org.passerelle.report;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.passerelle.report.MonthlyReportBuilder.AppliedChange;
import org.passerelle.schema.Databases;

/**
 * The kept reports (table {@code monthly_report}, migration V25) and the change requests a report
 * lists, with plain JDBC. A report's row is also its claim: {@link #insertIfAbsent} writes it only
 * if no node has, so the scheduled generation happens once across the nodes.
 */
final class ReportTable {

    private final Connection db;
    private final boolean postgresql;

    ReportTable(Connection db) throws SQLException {
        this.db = db;
        this.postgresql = Databases.isPostgresql(db);
    }

    boolean exists(YearMonth month, String site) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select 1 from monthly_report where report_month = ? and site = ?")) {
            select.setDate(1, Date.valueOf(month.atDay(1)));
            select.setString(2, site);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Writes the report unless one of its month and site is kept; whether it was written. */
    boolean insertIfAbsent(MonthlyReport report, String by) throws SQLException {
        String sql = postgresql
                ? "insert into monthly_report (report_month, site, generated_at, generated_by, model) values (?, ?, ?, ?, ?) on conflict do nothing"
                : "merge into monthly_report t using (values (cast(? as date), cast(? as varchar(64)), cast(? as timestamp with time zone),"
                        + " cast(? as varchar(255)), cast(? as clob))) s (report_month, site, generated_at, generated_by, model)"
                        + " on t.report_month = s.report_month and t.site = s.site when not matched then insert (report_month, site, generated_at, generated_by, model)"
                        + " values (s.report_month, s.site, s.generated_at, s.generated_by, s.model)";
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            bind(insert, report, by);
            return insert.executeUpdate() > 0;
        }
    }

    /** Writes the report, in place of the one kept for its month and site if any. */
    void replace(MonthlyReport report, String by) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("delete from monthly_report where report_month = ? and site = ?")) {
            delete.setDate(1, Date.valueOf(report.month().atDay(1)));
            delete.setString(2, report.site());
            delete.executeUpdate();
        }
        insertIfAbsent(report, by);
    }

    Optional<MonthlyReport> find(YearMonth month, String site) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select model from monthly_report where report_month = ? and site = ?")) {
            select.setDate(1, Date.valueOf(month.atDay(1)));
            select.setString(2, site);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(ReportJson.read(rows.getString(1))) : Optional.empty();
            }
        }
    }

    /** The kept reports, newest month first, then by site. */
    List<StoredReport> list() throws SQLException {
        List<StoredReport> reports = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select report_month, site, generated_at, generated_by from monthly_report"
                + " order by report_month desc, site");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                reports.add(new StoredReport(YearMonth.from(rows.getDate(1).toLocalDate()), rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4)));
            }
        }
        return reports;
    }

    /** The requests that added or deleted an application and were applied between these instants. */
    List<AppliedChange> appliedChanges(Instant from, Instant until) throws SQLException {
        List<AppliedChange> changes = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select r.id, r.kind, r.application, r.entity, t.at from change_request r"
                + " join change_request_transition t on t.request_id = r.id where t.state = 'APPLIED'"
                + " and r.kind in ('ADD_APPLICATION', 'DELETE_APPLICATION') and t.at >= ? and t.at < ? order by t.at")) {
            select.setObject(1, from.atOffset(ZoneOffset.UTC));
            select.setObject(2, until.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changes.add(new AppliedChange("ADD_APPLICATION".equals(rows.getString(2)), rows.getString(3), rows.getString(4),
                            rows.getObject(5, OffsetDateTime.class).toInstant(), rows.getLong(1)));
                }
            }
        }
        return changes;
    }

    private static void bind(PreparedStatement statement, MonthlyReport report, String by) throws SQLException {
        statement.setDate(1, Date.valueOf(report.month().atDay(1)));
        statement.setString(2, report.site());
        statement.setObject(3, report.generatedAt().atOffset(ZoneOffset.UTC));
        statement.setString(4, by);
        statement.setString(5, ReportJson.write(report));
    }
}
