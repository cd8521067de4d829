package org.passerelle.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a {@link MonthlyReport} from the rollup's monthly figures, the applications the directory
 * holds, and the change requests applied in the month. Plain Java. An application is listed when
 * it is registered (assigned to the site, for a site's report) or sent something in the twelve
 * months; a removed one keeps its line while it has traffic in them.
 */
public final class MonthlyReportBuilder {

    /** How many months the report shows, the report's month last. */
    public static final int MONTHS = 12;

    /** An application as the directory holds it now. */
    public record Registered(String name, String entity, List<String> gateways) {
    }

    /** A change request that added or removed an application, applied at that time. */
    public record AppliedChange(boolean addition, String application, String entity, Instant appliedAt, long request) {
    }

    private MonthlyReportBuilder() {
    }

    /** The twelve months up to {@code month}, oldest first. */
    public static List<YearMonth> months(YearMonth month) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = MONTHS - 1; i >= 0; i--) {
            months.add(month.minusMonths(i));
        }
        return months;
    }

    /**
     * @param site     a gateway site, or {@link MonthlyReport#ALL_SITES}
     * @param traffic  messages accepted per application and month (of that site), as the rollup sums them
     * @param changes  the add and delete requests applied during the month
     */
    public static MonthlyReport build(YearMonth month, String site, Instant generatedAt, Map<String, Map<YearMonth, Long>> traffic,
                                      List<Registered> registered, List<AppliedChange> changes) {
        List<YearMonth> months = months(month);
        Map<String, String> entities = new LinkedHashMap<>();
        changes.stream().filter(c -> c.entity() != null).forEach(c -> entities.put(c.application(), c.entity()));
        Map<String, Registered> listed = new LinkedHashMap<>();
        registered.stream()
                .filter(app -> MonthlyReport.ALL_SITES.equals(site) || app.gateways().stream().anyMatch(site::equalsIgnoreCase))
                .forEach(app -> listed.put(app.name(), app));
        List<ApplicationTraffic> lines = new ArrayList<>();
        for (Registered app : listed.values()) {
            lines.add(new ApplicationTraffic(app.name(), app.entity(), monthly(traffic.get(app.name()), months), true));
        }
        for (Map.Entry<String, Map<YearMonth, Long>> sent : traffic.entrySet()) {
            if (!listed.containsKey(sent.getKey())) {
                Registered known = registered.stream().filter(r -> r.name().equals(sent.getKey())).findFirst().orElse(null);
                List<Long> monthly = monthly(sent.getValue(), months);
                if (monthly.stream().anyMatch(count -> count > 0)) {
                    lines.add(new ApplicationTraffic(sent.getKey(), known != null ? known.entity() : entities.get(sent.getKey()),
                            monthly, known != null));
                }
            }
        }
        lines.sort(Comparator.comparingLong(ApplicationTraffic::thisMonth).reversed().thenComparing(ApplicationTraffic::name));
        List<ApplicationChange> added = changes.stream().filter(AppliedChange::addition).map(MonthlyReportBuilder::change).toList();
        List<ApplicationChange> removed = changes.stream().filter(c -> !c.addition()).map(MonthlyReportBuilder::change).toList();
        return new MonthlyReport(month, site, generatedAt, months, lines, MonthlyReport.totalsOf(lines, months.size()), added, removed);
    }

    private static ApplicationChange change(AppliedChange c) {
        return new ApplicationChange(c.application(), c.entity(), c.appliedAt(), c.request());
    }

    private static List<Long> monthly(Map<YearMonth, Long> sent, List<YearMonth> months) {
        return months.stream().map(m -> sent == null ? 0L : sent.getOrDefault(m, 0L)).toList();
    }
}
