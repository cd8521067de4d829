package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.util.List;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.audit.AuditLog;
import org.passerelle.report.MonthlyReports;
import org.passerelle.report.StoredReport;

/**
 * The schedule of the 1st on PostgreSQL: however often it runs (every hour of the day, on every
 * node), the report of the month before is made once, by the schedule, and audited once.
 */
@ExtendWith(ArquillianExtension.class)
class MonthlyReportScheduleIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("report-schedule-it", MonthlyReportScheduleIT.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/MonthlyReports")
    private MonthlyReports reports;

    @EJB(lookup = "java:global/passerelle/ejb/AuditLog")
    private AuditLog audit;

    @Test
    void theMonthBeforeIsReportedOnceHoweverOftenTheScheduleRuns() {
        YearMonth last = YearMonth.now().minusMonths(1);
        reports.monthly();
        reports.monthly();
        reports.monthly();
        List<StoredReport> kept = reports.list().stream().filter(r -> r.month().equals(last) && r.site().equals("all")).toList();
        assertEquals(1, kept.size(), kept.toString());
        assertEquals("schedule", kept.get(0).generatedBy());
        assertEquals(1, audit.search("schedule", "report.generate", last + "/all", 10).size());
    }
}
