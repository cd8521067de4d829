package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's three forms, each read back as its reader would. */
class ReportFormatsTest {

    private final MonthlyReport report = ReportSamples.november();

    @Test
    void thePdfNamesEachApplicationWithItsMonthsCount() throws Exception {
        String text;
        try (PDDocument pdf = Loader.loadPDF(ReportPdf.render(report))) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertTrue(text.contains("Passerelle monthly report, November 2026, all gateway sites"), text);
        for (ApplicationTraffic app : report.applications()) {
            assertTrue(text.lines().anyMatch(line -> line.startsWith(app.name()) && line.contains(" " + app.thisMonth())),
                    app.name() + " with " + app.thisMonth() + " in:\n" + text);
        }
        assertTrue(text.contains("Total in 2026-11: " + report.total() + " messages"), text);
        assertTrue(text.contains("candidates for removal"), text);
        assertTrue(text.contains("unused-printer (facilities)"), text);
        assertTrue(text.contains("intranet-alerts (it), change request 41 applied 2026-11-03 09:12 UTC"), text);
        assertTrue(text.contains("old-scanner, change request 44"), text);
    }

    @Test
    void aReportLongerThanAPageGoesOnTheNextPages() throws Exception {
        Map<String, Map<java.time.YearMonth, Long>> many = new java.util.HashMap<>();
        for (int i = 0; i < 120; i++) {
            many.put("app-" + i, Map.of(ReportSamples.NOVEMBER, i + 1L));
        }
        MonthlyReport big = MonthlyReportBuilder.build(ReportSamples.NOVEMBER, "gw-paris", ReportSamples.GENERATED, many, List.of(), List.of());
        try (PDDocument pdf = Loader.loadPDF(ReportPdf.render(big))) {
            assertTrue(pdf.getNumberOfPages() >= 3, "pages: " + pdf.getNumberOfPages());
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("app-0") && text.contains("app-119"));
        }
    }

    @Test
    void theCsvParsesBackWithEachApplicationsMonthsAndNeutralisedFormulas() {
        List<List<String>> rows = parse(ReportCsv.write(report));
        List<String> header = rows.get(0);
        assertEquals("application", header.get(0));
        assertEquals("2025-12", header.get(2));
        assertEquals("2026-11", header.get(13));
        Map<String, List<String>> byName = rows.subList(1, rows.size()).stream().collect(Collectors.toMap(r -> r.get(0), Function.identity()));
        assertEquals(List.of("hr-payroll", "hr", "4200"), byName.get("hr-payroll").subList(0, 3));
        assertEquals("4410", byName.get("hr-payroll").get(13));
        assertEquals("5.0", byName.get("hr-payroll").get(14));
        assertEquals("no traffic", byName.get("unused-printer").get(15));
        assertEquals("new", byName.get("intranet-alerts").get(15));
        assertEquals("removed", byName.get("old-scanner").get(15));
        assertEquals(String.valueOf(report.total()), byName.get("total").get(13));
        List<String> injected = byName.get("'=cmd|' /C calc'!A0");
        assertEquals("'+SUM(1)", injected.get(1), "a spreadsheet shows the entity as text, never runs it");
        assertTrue(rows.stream().flatMap(List::stream).noneMatch(cell -> !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0
                && !cell.matches("-?[0-9.]+")), "no cell starts a formula");
    }

    @Test
    void theJsonGivesTheSameReportBack() {
        String json = ReportJson.write(report);
        assertEquals(report, ReportJson.read(json));
        assertTrue(json.contains("\"silent\":[\"legacy-fax\",\"unused-printer\"]") || json.contains("\"silent\":[\"unused-printer\",\"legacy-fax\"]"), json);
    }

    /**
     * The first page as a picture: target/report-example.png, the one docs/report-example.png
     * shows (copied by hand when the layout changes).
     */
    @Test
    void theFirstPageRendersAsAPicture() throws Exception {
        BufferedImage image;
        // without the sample's formula-shaped name, which is there for the CSV
        MonthlyReport shown = report.restrictedTo(report.applications().stream().map(ApplicationTraffic::name)
                .filter(name -> !name.startsWith("=")).collect(Collectors.toSet()));
        try (PDDocument pdf = Loader.loadPDF(ReportPdf.render(shown))) {
            image = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
        }
        Path png = Path.of("target", "report-example.png");
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", new File(png.toString()));
        assertTrue(image.getWidth() > image.getHeight(), "landscape");
        long blue = 0;
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                int rgb = image.getRGB(x, y);
                if ((rgb & 0xff) > 0xa0 && ((rgb >> 16) & 0xff) < 0x60) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 500, "the chart's bars are drawn: " + blue);
    }

    /** RFC 4180 as a spreadsheet reads it: quoted cells, doubled quotes, CRLF lines. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
