package org.passerelle.reporting;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;

import org.passerelle.schema.Databases;
import org.passerelle.smtp.SmtpStage;

/**
 * How many connections, logins, transactions and recipients the SMTP session policy refused, per
 * day and stage: a refusal leaves no message behind, so it is counted here. Counted in memory
 * ({@link RefusalTally}) and added to table {@code refusal_count} every minute and before each
 * read, by an upsert, so that several nodes add to the same rows.
 */
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RefusalCounts {

    private static final Logger LOG = Logger.getLogger(RefusalCounts.class.getName());

    private static final String POSTGRESQL_UPSERT = "insert into refusal_count (refused_on, stage, refusals) values (?, ?, ?)"
            + " on conflict (refused_on, stage) do update set refusals = refusal_count.refusals + excluded.refusals";
    // H2 (the run command's database) has no "on conflict do update"; the standard MERGE does the same
    private static final String STANDARD_UPSERT = "merge into refusal_count t using (values (cast(? as date),"
            + " cast(? as varchar(16)), cast(? as bigint))) s (refused_on, stage, refusals) on t.refused_on = s.refused_on and t.stage = s.stage"
            + " when matched then update set refusals = t.refusals + s.refusals"
            + " when not matched then insert (refused_on, stage, refusals) values (s.refused_on, s.stage, s.refusals)";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final RefusalTally tally = new RefusalTally();
    private final Clock clock = Clock.systemDefaultZone();

    /** One refusal now, at that stage. */
    public void refused(SmtpStage stage) {
        tally.add(LocalDate.now(clock), stage);
    }

    /** Refusals on and after each day (today in the server's zone counts), by stage; each map has every stage. */
    public List<Map<SmtpStage, Long>> since(List<LocalDate> firstDays) {
        write();
        List<Map<SmtpStage, Long>> periods = new ArrayList<>();
        for (int i = 0; i < firstDays.size(); i++) {
            Map<SmtpStage, Long> counts = new EnumMap<>(SmtpStage.class);
            for (SmtpStage stage : SmtpStage.values()) {
                counts.put(stage, 0L);
            }
            periods.add(counts);
        }
        LocalDate earliest = firstDays.stream().min(LocalDate::compareTo).orElseThrow();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select refused_on, stage, refusals from refusal_count where refused_on >= ?")) {
            select.setDate(1, Date.valueOf(earliest));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    LocalDate day = rows.getDate(1).toLocalDate();
                    SmtpStage stage = SmtpStage.of(rows.getString(2));
                    for (int i = 0; i < firstDays.size(); i++) {
                        if (!day.isBefore(firstDays.get(i))) {
                            periods.get(i).merge(stage, rows.getLong(3), Long::sum);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the refusal counts failed", e);
        }
        return periods;
    }

    /** Adds the counts taken in memory to the table; kept in memory for the next time if that fails. */
    @Schedule(minute = "*", hour = "*", persistent = false)
    public void write() {
        Map<RefusalTally.Key, Long> counts = tally.drain();
        if (counts.isEmpty()) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            String upsert = Databases.isPostgresql(db)
                    ? POSTGRESQL_UPSERT : STANDARD_UPSERT;
            try (PreparedStatement statement = db.prepareStatement(upsert)) {
                for (Map.Entry<RefusalTally.Key, Long> count : counts.entrySet()) {
                    statement.setDate(1, Date.valueOf(count.getKey().day()));
                    statement.setString(2, count.getKey().stage().key());
                    statement.setLong(3, count.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        } catch (SQLException e) {
            tally.restore(counts);
            LOG.warning(() -> "refusal counts not written, kept for the next time: " + e);
        }
    }

    @PreDestroy
    void writeLast() {
        write();
    }
}
