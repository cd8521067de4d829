package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.reporting.Tally;
import org.passerelle.testing.MigratedDatabase;

/** The rollup and the kept reports on Passerelle's own schema (Flyway's migrations), in the run mode's H2 database (its MERGE statements). */
class RollupTableTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 14);

    private Connection db;
    private RollupTable rollup;

    @BeforeEach
    void migrate() throws Exception {
        String url = MigratedDatabase.create("rollup");
        db = DriverManager.getConnection(url, "sa", "");
        rollup = new RollupTable(db);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void twoNodesAndADeliveryRoundAddToTheSameDaysRow() throws Exception {
        rollup.add(Map.of(new RollupKey(DAY, "billing", "gw-paris", TrafficCounter.ACCEPTED), 3L,
                new RollupKey(DAY, "billing", "gw-paris", TrafficCounter.BYTES), 3000L));
        rollup.add(Map.of(new RollupKey(DAY, "billing", "gw-paris", TrafficCounter.ACCEPTED), 2L,
                new RollupKey(DAY, "billing", "gw-paris", TrafficCounter.REFUSED), 1L));
        RollupBatch round = new RollupBatch(DAY, "gw-paris");
        round.count("billing", TrafficCounter.DELIVERED, 1);
        round.count("billing", TrafficCounter.DELIVERED, 1);
        round.count("billing", TrafficCounter.DEFERRED, 1);
        round.count("billing", TrafficCounter.BOUNCED, 2);
        round.count(null, TrafficCounter.DELIVERED, 1);
        rollup.add(round.counts());

        Map<TrafficCounter, Long> figures = rollup.day(DAY, "billing", "gw-paris");
        assertEquals(5, figures.get(TrafficCounter.ACCEPTED));
        assertEquals(3000, figures.get(TrafficCounter.BYTES));
        assertEquals(1, figures.get(TrafficCounter.REFUSED));
        assertEquals(2, figures.get(TrafficCounter.DELIVERED));
        assertEquals(1, figures.get(TrafficCounter.DEFERRED));
        assertEquals(2, figures.get(TrafficCounter.BOUNCED));
    }

    @Test
    void monthsAreSummedPerSiteOrForAll() throws Exception {
        rollup.add(Map.of(new RollupKey(DAY, "billing", "gw-paris", TrafficCounter.ACCEPTED), 3L,
                new RollupKey(DAY.plusDays(5), "billing", "gw-lyon", TrafficCounter.ACCEPTED), 4L,
                new RollupKey(DAY.minusMonths(1), "billing", "gw-paris", TrafficCounter.ACCEPTED), 7L,
                new RollupKey(DAY.minusYears(1), "billing", "gw-paris", TrafficCounter.ACCEPTED), 100L));
        YearMonth november = YearMonth.of(2026, 11);
        assertEquals(Map.of("billing", Map.of(november, 7L, november.minusMonths(1), 7L)),
                rollup.acceptedPerMonth(november.minusMonths(11), november, Optional.empty()));
        assertEquals(Map.of("billing", Map.of(november, 4L)), rollup.acceptedPerMonth(november.minusMonths(11), november, Optional.of("gw-lyon")));
        assertEquals(List.of("gw-lyon", "gw-paris"), rollup.sitesOf(november));
    }

    @Test
    void aMonthsReportIsKeptOnceThenReplacedOnlyOnRequest() throws Exception {
        ReportTable reports = new ReportTable(db);
        MonthlyReport november = ReportSamples.november();
        assertTrue(reports.insertIfAbsent(november, "schedule"));
        assertFalse(reports.insertIfAbsent(november.restrictedTo(java.util.Set.of("billing")), "schedule"), "another node: no second report");
        assertEquals(november, reports.find(ReportSamples.NOVEMBER, MonthlyReport.ALL_SITES).orElseThrow());
        reports.replace(november.restrictedTo(java.util.Set.of("billing")), "carol");
        assertEquals(1, reports.find(ReportSamples.NOVEMBER, MonthlyReport.ALL_SITES).orElseThrow().applications().size());
        assertEquals(List.of(new StoredReport(ReportSamples.NOVEMBER, "all", ReportSamples.GENERATED, "carol")), reports.list());
    }

    @Test
    void theReportListsTheAdditionsAndDeletionsAppliedInTheMonth() throws Exception {
        try (Statement sql = db.createStatement()) {
            sql.executeUpdate("insert into change_request (id, kind, application, entity, state, author, submitted_at, version) values"
                    + " (41, 'ADD_APPLICATION', 'intranet-alerts', 'it', 'APPLIED', 'alice', timestamp with time zone '2026-11-02 10:00:00+00', 1),"
                    + " (42, 'MODIFY_APPLICATION', 'billing', null, 'APPLIED', 'alice', timestamp with time zone '2026-11-02 10:00:00+00', 1),"
                    + " (43, 'DELETE_APPLICATION', 'old-scanner', null, 'APPLIED', 'bob', timestamp with time zone '2026-10-02 10:00:00+00', 1),"
                    + " (44, 'DELETE_APPLICATION', 'legacy-fax', null, 'VALIDATED', 'bob', timestamp with time zone '2026-11-02 10:00:00+00', 1)");
        }
        try (PreparedStatement transition = db.prepareStatement("insert into change_request_transition (request_id, position, state, actor, at)"
                + " values (?, 0, ?, 'carol', ?)")) {
            Object[][] rows = {{41, "APPLIED", "2026-11-03T09:12:00Z"}, {42, "APPLIED", "2026-11-04T09:12:00Z"},
                    {43, "APPLIED", "2026-10-31T23:59:00Z"}, {44, "VALIDATED", "2026-11-05T09:12:00Z"}};
            for (Object[] row : rows) {
                transition.setInt(1, (Integer) row[0]);
                transition.setString(2, (String) row[1]);
                transition.setObject(3, Instant.parse((String) row[2]).atOffset(ZoneOffset.UTC));
                transition.executeUpdate();
            }
        }
        assertEquals(List.of(new MonthlyReportBuilder.AppliedChange(true, "intranet-alerts", "it", Instant.parse("2026-11-03T09:12:00Z"), 41)),
                new ReportTable(db).appliedChanges(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    }

    /**
     * The acceptance path adds two counts to a {@link Tally} per message, no database round trip:
     * measured here, it must stay far below the acceptance latency (about 1.6 ms at p50).
     */
    @Test
    void countingAnAcceptedMessageCostsLessThanAMicrosecond() {
        Tally<RollupKey> tally = new Tally<>();
        String[] applications = {"billing", "hr-payroll", "crm", "legacy-fax"};
        for (int warm = 0; warm < 200_000; warm++) {
            tally.add(new RollupKey(DAY, applications[warm % 4], "gw-paris", TrafficCounter.ACCEPTED));
            tally.add(new RollupKey(DAY, applications[warm % 4], "gw-paris", TrafficCounter.BYTES), 4096);
        }
        tally.drain();
        int messages = 1_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            tally.add(new RollupKey(DAY, applications[i % 4], "gw-paris", TrafficCounter.ACCEPTED));
            tally.add(new RollupKey(DAY, applications[i % 4], "gw-paris", TrafficCounter.BYTES), 4096);
        }
        double nanos = (System.nanoTime() - start) / (double) messages;
        assertEquals(messages / 4, tally.drain().get(new RollupKey(DAY, "billing", "gw-paris", TrafficCounter.ACCEPTED)));
        System.out.printf("rollup counting: %.0f ns per accepted message%n", nanos);
        assertTrue(nanos < 1_000, nanos + " ns per message");
    }
}
