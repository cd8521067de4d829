package org.passerelle.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MonthlyReport} as one CSV table ({@link Csv}: cells a spreadsheet would take for a
 * formula are neutralised): a line per application with its entity, its messages per month, the
 * change against the month before and a note (new, removed, no traffic, fails DMARC), then the total.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String write(MonthlyReport report) {
        List<String> header = new ArrayList<>(List.of("application", "entity"));
        report.months().stream().map(YearMonth::toString).forEach(header::add);
        header.addAll(List.of("change_percent", "note"));
        List<List<String>> rows = new ArrayList<>();
        for (ApplicationTraffic app : report.applications()) {
            List<String> row = new ArrayList<>(List.of(app.name(), app.entity() == null ? "" : app.entity()));
            app.monthly().forEach(count -> row.add(String.valueOf(count)));
            row.add(app.changePercent() == null ? "" : String.valueOf(app.changePercent()));
            row.add(note(report, app));
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("total", ""));
        report.totals().forEach(count -> total.add(String.valueOf(count)));
        total.add(report.totalChangePercent() == null ? "" : String.valueOf(report.totalChangePercent()));
        total.add("");
        rows.add(total);
        return Csv.of(header, rows);
    }

    private static String note(MonthlyReport report, ApplicationTraffic app) {
        List<String> notes = new ArrayList<>();
        if (report.added().stream().anyMatch(c -> c.application().equals(app.name()))) {
            notes.add("new");
        }
        if (report.removed().stream().anyMatch(c -> c.application().equals(app.name())) || !app.registered()) {
            notes.add("removed");
        }
        if (app.registered() && app.thisMonth() == 0) {
            notes.add("no traffic");
        }
        report.dmarcFailures().stream().filter(f -> f.application().equals(app.name())).findFirst()
                .ifPresent(f -> notes.add(ReportPdf.dmarcFailure(f)));
        return String.join("; ", notes);
    }
}
