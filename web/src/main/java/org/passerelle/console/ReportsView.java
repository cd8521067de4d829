package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.refusal.Refusal;
import org.passerelle.report.MonthlyReport;
import org.passerelle.report.MonthlyReports;
import org.passerelle.report.ReportCsv;
import org.passerelle.report.ReportJson;
import org.passerelle.report.ReportPdf;
import org.passerelle.report.StoredReport;

/**
 * The monthly reports (docs/reports.md): the kept ones, each downloadable as PDF, CSV or JSON as
 * the person may see it (the ejb restricts managers and owners to their applications); the central
 * service and operations make one now.
 */
@Named
@ViewScoped
public class ReportsView implements Serializable {

    @EJB
    private MonthlyReports reports;

    @Inject
    private ConsoleUser user;

    private String month = YearMonth.now().toString();
    private String site = MonthlyReport.ALL_SITES;
    private List<StoredReport> kept;

    public List<StoredReport> getReports() {
        if (kept == null) {
            kept = reports.list();
        }
        return kept;
    }

    public boolean isMakesReports() {
        return user.isCentral() || user.isOperatesQueue();
    }

    public void generate() {
        YearMonth wanted;
        try {
            wanted = YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            Texts.error("reports:month", Texts.get("reports.badMonth"));
            return;
        }
        try {
            MonthlyReport report = reports.generate(user.requester(), wanted, site == null || site.isBlank() ? MonthlyReport.ALL_SITES : site.trim());
            Texts.info(Texts.get("reports.made") + " " + report.month() + " / " + report.site());
            kept = null;
        } catch (Refusal refused) {
            Texts.error(refused.field() == null ? null : "reports:" + refused.field(), refused.getMessage());
        }
    }

    public void download(StoredReport stored, String format) throws IOException {
        MonthlyReport report = reports.read(user.requester(), stored.month(), stored.site());
        String name = "passerelle-report-" + report.month() + "-" + report.site() + "." + format;
        switch (format) {
            case "pdf" -> CsvExport.download(name, "application/pdf", ReportPdf.render(report));
            case "csv" -> CsvExport.download(name, "text/csv; charset=UTF-8", ReportCsv.write(report).getBytes(StandardCharsets.UTF_8));
            default -> CsvExport.download(name, "application/json", ReportJson.write(report).getBytes(StandardCharsets.UTF_8));
        }
    }

    public String getMonth() { return month; }
    public void setMonth(String month) { this.month = month; }
    public String getSite() { return site; }
    public void setSite(String site) { this.site = site; }
}
