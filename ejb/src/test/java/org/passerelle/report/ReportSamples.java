package org.passerelle.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.passerelle.report.MonthlyReportBuilder.AppliedChange;
import org.passerelle.report.MonthlyReportBuilder.Registered;

/** A year of traffic of a few applications, the report of November 2026 made from it. */
final class ReportSamples {

    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final Instant GENERATED = Instant.parse("2026-12-01T00:30:00Z");

    private ReportSamples() {
    }

    static Map<String, Map<YearMonth, Long>> traffic() {
        Map<String, Map<YearMonth, Long>> traffic = new HashMap<>();
        for (YearMonth month : MonthlyReportBuilder.months(NOVEMBER)) {
            int i = month.getMonthValue();
            put(traffic, "billing", month, 12000 + 350L * i);
            put(traffic, "hr-payroll", month, month.equals(NOVEMBER) ? 4410 : 4200);
            put(traffic, "crm-notifications", month, 2500 + 100L * (i % 4));
            if (!month.equals(NOVEMBER)) {
                put(traffic, "legacy-fax", month, 40);
            }
            if (month.isBefore(NOVEMBER.minusMonths(2))) {
                put(traffic, "old-scanner", month, 75);
            }
        }
        put(traffic, "intranet-alerts", NOVEMBER, 1234);
        put(traffic, "=cmd|' /C calc'!A0", NOVEMBER, 3);
        return traffic;
    }

    static List<Registered> registered() {
        return List.of(new Registered("billing", "finance", List.of("gw-paris", "gw-lyon")),
                new Registered("hr-payroll", "hr", List.of("gw-paris")),
                new Registered("crm-notifications", "sales", List.of("gw-lyon")),
                new Registered("legacy-fax", "facilities", List.of("gw-paris")),
                new Registered("intranet-alerts", "it", List.of("gw-paris")),
                new Registered("unused-printer", "facilities", List.of("gw-paris")),
                new Registered("=cmd|' /C calc'!A0", "+SUM(1)", List.of("gw-paris")));
    }

    static List<AppliedChange> changes() {
        return List.of(new AppliedChange(true, "intranet-alerts", "it", Instant.parse("2026-11-03T09:12:00Z"), 41),
                new AppliedChange(false, "old-scanner", null, Instant.parse("2026-11-20T16:40:00Z"), 44));
    }

    static MonthlyReport november() {
        return MonthlyReportBuilder.build(NOVEMBER, MonthlyReport.ALL_SITES, GENERATED, traffic(), registered(), changes());
    }

    private static void put(Map<String, Map<YearMonth, Long>> traffic, String application, YearMonth month, long count) {
        traffic.computeIfAbsent(application, a -> new HashMap<>()).put(month, count);
    }
}
