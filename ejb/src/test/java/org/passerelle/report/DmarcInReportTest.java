package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.passerelle.dkim.DmarcFailure;

/** The applications whose mail would fail DMARC, in the monthly report and each of its forms. */
class DmarcInReportTest {

    private final MonthlyReport report = ReportSamples.november().withDmarcFailures(List.of(
            new DmarcFailure("intranet-alerts", 1234, 1200, List.of("alerts-saas.example"), List.of("managed.test")),
            new DmarcFailure("not-in-this-report", 5, 5, List.of("x.example"), List.of("x.example"))));

    @Test
    void onlyTheApplicationsTheReportListsAreKept() {
        assertEquals(List.of("intranet-alerts"), report.dmarcFailures().stream().map(DmarcFailure::application).toList());
        assertEquals(List.of(), report.restrictedTo(Set.of("billing")).dmarcFailures());
        assertEquals(1, report.restrictedTo(Set.of("intranet-alerts")).dmarcFailures().size());
    }

    @Test
    void theJsonKeepsThemAndAReportKeptBeforeHasNone() {
        assertEquals(report.dmarcFailures(), ReportJson.read(ReportJson.write(report)).dmarcFailures());
        String before = ReportJson.toJson(report).toString().replaceAll(",\"dmarcFailures\":\\[.*\\]\\}$", "}");
        assertEquals(List.of(), ReportJson.read(before).dmarcFailures());
    }

    @Test
    void theCsvNotesAndThePdfListTheFailingApplication() throws Exception {
        String line = ReportCsv.write(report).lines().filter(l -> l.startsWith("intranet-alerts,")).findFirst().orElseThrow();
        assertTrue(line.endsWith(",\"new; fails DMARC: 1200 of 1234 messages, From: alerts-saas.example, envelope managed.test\""), line);
        try (PDDocument pdf = Loader.loadPDF(ReportPdf.render(report))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Applications whose mail would fail DMARC"), text);
            assertTrue(text.contains("intranet-alerts: fails DMARC: 1200 of 1234 messages, From: alerts-saas.example"), text);
        }
    }
}
