package org.passerelle.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.passerelle.dkim.DmarcFailure;

/**
 * The monthly report of a gateway site (or {@link #ALL_SITES}) for the telecoms committee: each
 * sender application with its entity and its messages over the twelve months up to the report's,
 * the total per month, and the applications added and removed in the month. Made by
 * {@link MonthlyReportBuilder}; kept as JSON ({@link ReportJson}), rendered as PDF and CSV.
 *
 * @param months       the twelve months, oldest first, the report's month last
 * @param applications busiest in the month first
 * @param totals       messages of all the listed applications per month
 * @param dmarcFailures the listed applications whose mail of the month would fail DMARC (docs/dkim-and-alignment.md)
 */
public record MonthlyReport(YearMonth month, String site, Instant generatedAt, List<YearMonth> months,
                            List<ApplicationTraffic> applications, List<Long> totals,
                            List<ApplicationChange> added, List<ApplicationChange> removed, List<DmarcFailure> dmarcFailures) {

    /** The site name of the report about every site. */
    public static final String ALL_SITES = "all";

    public MonthlyReport {
        months = List.copyOf(months);
        applications = List.copyOf(applications);
        totals = List.copyOf(totals);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        dmarcFailures = List.copyOf(dmarcFailures);
    }

    /** A report without DMARC figures (one kept before they were counted). */
    public MonthlyReport(YearMonth month, String site, Instant generatedAt, List<YearMonth> months, List<ApplicationTraffic> applications,
                         List<Long> totals, List<ApplicationChange> added, List<ApplicationChange> removed) {
        this(month, site, generatedAt, months, applications, totals, added, removed, List.of());
    }

    /** The same report with the applications whose mail of the month would fail DMARC, those it lists only. */
    public MonthlyReport withDmarcFailures(List<DmarcFailure> failures) {
        java.util.Set<String> listed = applications.stream().map(ApplicationTraffic::name).collect(java.util.stream.Collectors.toSet());
        return new MonthlyReport(month, site, generatedAt, months, applications, totals, added, removed,
                failures.stream().filter(f -> listed.contains(f.application())).toList());
    }

    /** Registered applications that sent nothing in the month: candidates for removal. */
    public List<ApplicationTraffic> silent() {
        return applications.stream().filter(a -> a.registered() && a.thisMonth() == 0).toList();
    }

    public long total() {
        return totals.get(totals.size() - 1);
    }

    public Double totalChangePercent() {
        return changePercent(totals.get(totals.size() - 2), total());
    }

    /**
     * The same report with only these applications, its totals theirs: what a manager or owner
     * may see, or what is mailed about one application.
     */
    public MonthlyReport restrictedTo(Set<String> names) {
        List<ApplicationTraffic> kept = applications.stream().filter(a -> names.contains(a.name())).toList();
        return new MonthlyReport(month, site, generatedAt, months, kept, totalsOf(kept, months.size()),
                added.stream().filter(c -> names.contains(c.application())).toList(),
                removed.stream().filter(c -> names.contains(c.application())).toList(),
                dmarcFailures.stream().filter(f -> names.contains(f.application())).toList());
    }

    static List<Long> totalsOf(List<ApplicationTraffic> applications, int months) {
        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            int month = i;
            totals.add(applications.stream().mapToLong(a -> a.monthly().get(month)).sum());
        }
        return totals;
    }

    static Double changePercent(long before, long now) {
        return before == 0 ? null : Math.round((now - before) * 1000.0 / before) / 10.0;
    }
}
