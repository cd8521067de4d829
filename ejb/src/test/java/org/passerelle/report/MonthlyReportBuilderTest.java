package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.passerelle.report.ReportSamples.NOVEMBER;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MonthlyReportBuilderTest {

    private final MonthlyReport report = ReportSamples.november();

    private ApplicationTraffic line(MonthlyReport report, String name) {
        return report.applications().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theTwelveMonthsEndWithTheReportsMonth() {
        assertEquals(YearMonth.of(2025, 12), report.months().get(0));
        assertEquals(NOVEMBER, report.months().get(11));
        assertEquals(12, line(report, "billing").monthly().size());
    }

    @Test
    void eachApplicationHasItsEntityItsMonthsAndTheChangeAgainstTheMonthBefore() {
        ApplicationTraffic payroll = line(report, "hr-payroll");
        assertEquals("hr", payroll.entity());
        assertEquals(4410, payroll.thisMonth());
        assertEquals(4200, payroll.previousMonth());
        assertEquals(5.0, payroll.changePercent());
        assertNull(line(report, "intranet-alerts").changePercent(), "nothing the month before: no percentage");
        assertEquals(-100.0, line(report, "legacy-fax").changePercent());
    }

    @Test
    void busiestFirstAndTotalsAddTheLines() {
        assertEquals("billing", report.applications().get(0).name());
        long november = report.applications().stream().mapToLong(ApplicationTraffic::thisMonth).sum();
        assertEquals(november, report.total());
        assertEquals(12000 + 350 * 11 + 4410 + 2500 + 300 + 1234 + 3, report.total());
    }

    @Test
    void registeredApplicationsThatSentNothingAreCandidatesForRemoval() {
        assertEquals(List.of("legacy-fax", "unused-printer"), report.silent().stream().map(ApplicationTraffic::name).sorted().toList());
    }

    @Test
    void aRemovedApplicationKeepsItsLineWhileItHadTrafficAndIsListedAsRemoved() {
        ApplicationTraffic scanner = line(report, "old-scanner");
        assertFalse(scanner.registered());
        assertEquals(List.of("old-scanner"), report.removed().stream().map(ApplicationChange::application).toList());
        assertEquals(List.of("intranet-alerts"), report.added().stream().map(ApplicationChange::application).toList());
        assertFalse(report.silent().contains(scanner), "a removed application is no candidate for removal");
    }

    @Test
    void aSitesReportListsTheApplicationsAssignedToItAndItsTraffic() {
        MonthlyReport lyon = MonthlyReportBuilder.build(NOVEMBER, "gw-lyon", ReportSamples.GENERATED,
                Map.of("billing", Map.of(NOVEMBER, 10L)), ReportSamples.registered(), List.of());
        assertEquals(List.of("billing", "crm-notifications"), lyon.applications().stream().map(ApplicationTraffic::name).toList());
        assertEquals(10, lyon.total());
        assertEquals(List.of("crm-notifications"), lyon.silent().stream().map(ApplicationTraffic::name).toList());
    }

    @Test
    void aManagersReportHasOnlyTheirApplicationsAndTheirTotals() {
        MonthlyReport mine = report.restrictedTo(Set.of("legacy-fax", "intranet-alerts"));
        assertEquals(Set.of("legacy-fax", "intranet-alerts"), Set.copyOf(mine.applications().stream().map(ApplicationTraffic::name).toList()));
        assertEquals(1234, mine.total());
        assertEquals(40, mine.totals().get(10));
        assertTrue(mine.removed().isEmpty());
        assertEquals(1, mine.added().size());
    }
}
