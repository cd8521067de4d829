package org.passerelle.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import org.passerelle.dkim.DmarcFailure;

/**
 * A {@link MonthlyReport} as a PDF (A4 landscape, with PDFBox): the summary, the total traffic of
 * the twelve months as a bar chart (JFreeChart, drawn as an image), a table of the applications
 * and their messages per month with the change against the month before, then the applications
 * that sent nothing, those added and those removed. The text is in Liberation Sans, which ships in
 * PDFBox's jar and is embedded (any Latin name prints); the chart needs a system font (Debian's
 * {@code fonts-dejavu-core}).
 */
public final class ReportPdf {

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float LINE = 13;
    private static final float NAME_WIDTH = 120;
    private static final float ENTITY_WIDTH = 90;
    private static final float MONTH_WIDTH = 40;
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final PDDocument document;
    private final PDFont font;
    private PDPageContentStream page;
    private float y;

    private ReportPdf(PDDocument document) throws IOException {
        this.document = document;
        try (InputStream ttf = ReportPdf.class.getResourceAsStream(FONT)) {
            if (ttf == null) {
                throw new IllegalStateException("the font " + FONT + " is not in PDFBox's jar");
            }
            this.font = PDType0Font.load(document, ttf);
        }
    }

    public static byte[] render(MonthlyReport report) {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title(report));
            info.setCreator("Passerelle");
            ReportPdf pdf = new ReportPdf(document);
            pdf.write(report);
            pdf.page.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the PDF of the report " + report.month() + " failed", e);
        }
    }

    static String title(MonthlyReport report) {
        return "Passerelle monthly report, " + report.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + report.month().getYear() + (MonthlyReport.ALL_SITES.equals(report.site()) ? ", all gateway sites" : ", gateway site " + report.site());
    }

    private void write(MonthlyReport report) throws IOException {
        newPage();
        text(MARGIN, 18, title(report));
        y -= 8;
        text(MARGIN, 10, "Generated " + GENERATED.format(report.generatedAt().atOffset(ZoneOffset.UTC)) + ". Messages accepted from "
                + "each sender application, per month.");
        text(MARGIN, 10, "Total in " + report.month() + ": " + report.total() + " messages from " + report.applications().size()
                + " applications" + change(report.totalChangePercent()) + "; " + report.silent().size() + " sent nothing; "
                + report.added().size() + " added, " + report.removed().size() + " removed.");
        y -= 6;
        chart(report);
        table(report);
        section("Applications that sent nothing in " + report.month() + " (candidates for removal)",
                report.silent().stream().map(a -> a.name() + entity(a.entity())).toList());
        section("New applications", report.added().stream().map(ReportPdf::change).toList());
        section("Removed applications", report.removed().stream().map(ReportPdf::change).toList());
        section("Applications whose mail would fail DMARC (From: aligned neither with the envelope sender nor with a DKIM signature)",
                report.dmarcFailures().stream().map(f -> f.application() + ": " + dmarcFailure(f)).toList());
    }

    /** One application's DMARC failures in words, as the PDF and the CSV's note say them. */
    static String dmarcFailure(DmarcFailure failure) {
        return "fails DMARC: " + failure.failing() + " of " + failure.messages() + " messages, From: " + String.join(" ", failure.fromDomains())
                + ", envelope " + String.join(" ", failure.envelopeDomains());
    }

    private void chart(MonthlyReport report) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int i = 0; i < report.months().size(); i++) {
            dataset.addValue(report.totals().get(i), "messages", report.months().get(i).toString());
        }
        JFreeChart chart = ChartFactory.createBarChart("Total traffic, messages per month", null, null, dataset,
                PlotOrientation.VERTICAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setSeriesPaint(0, new Color(0x2f, 0x6d, 0xb5));
        bars.setShadowVisible(false);
        float width = PAGE.getWidth() - 2 * MARGIN;
        float height = 190;
        // drawn at twice the size it is shown, so that it stays sharp when printed
        BufferedImage image = chart.createBufferedImage((int) width * 2, (int) height * 2);
        PDImageXObject picture = LosslessFactory.createFromImage(document, image);
        page.drawImage(picture, MARGIN, y - height, width, height);
        y -= height + 14;
    }

    private void table(MonthlyReport report) throws IOException {
        tableHeader(report);
        for (ApplicationTraffic app : report.applications()) {
            if (y < MARGIN + LINE) {
                newPage();
                tableHeader(report);
            }
            row(app.name(), app.entity() == null ? "" : app.entity(), app.monthly(), app.changePercent(), 8);
        }
        row("Total", "", report.totals(), report.totalChangePercent(), 8);
        y -= 8;
    }

    private void tableHeader(MonthlyReport report) throws IOException {
        float x = MARGIN + NAME_WIDTH + ENTITY_WIDTH;
        page.beginText();
        page.setFont(font, 8);
        page.newLineAtOffset(MARGIN, y - LINE);
        page.showText("Application");
        page.newLineAtOffset(NAME_WIDTH, 0);
        page.showText("Entity");
        page.endText();
        for (int i = 0; i < report.months().size(); i++) {
            right(x + (i + 1) * MONTH_WIDTH, 8, report.months().get(i).toString());
        }
        right(x + (report.months().size() + 1) * MONTH_WIDTH + 10, 8, "change");
        y -= LINE;
        page.moveTo(MARGIN, y - 3);
        page.lineTo(PAGE.getWidth() - MARGIN, y - 3);
        page.stroke();
    }

    private void row(String name, String entity, List<Long> monthly, Double change, float size) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(MARGIN, y - LINE);
        page.showText(fit(name, NAME_WIDTH - 4, size));
        page.newLineAtOffset(NAME_WIDTH, 0);
        page.showText(fit(entity, ENTITY_WIDTH - 4, size));
        page.endText();
        float x = MARGIN + NAME_WIDTH + ENTITY_WIDTH;
        for (int i = 0; i < monthly.size(); i++) {
            right(x + (i + 1) * MONTH_WIDTH, size, String.valueOf(monthly.get(i)));
        }
        right(x + (monthly.size() + 1) * MONTH_WIDTH + 10, size, change == null ? "-" : signed(change) + " %");
        y -= LINE;
    }

    private void section(String heading, List<String> lines) throws IOException {
        if (y < MARGIN + 3 * LINE) {
            newPage();
        }
        text(MARGIN, 11, heading);
        if (lines.isEmpty()) {
            text(MARGIN + 10, 9, "none");
        }
        for (String line : lines) {
            if (y < MARGIN + LINE) {
                newPage();
            }
            text(MARGIN + 10, 9, line);
        }
        y -= 6;
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PAGE);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        page.setLineWidth(0.5f);
        y = PAGE.getHeight() - MARGIN;
    }

    private void text(float x, float size, String text) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, y - size);
        page.showText(printable(text));
        page.endText();
        y -= size + 5;
    }

    private void right(float x, float size, String text) throws IOException {
        float width = font.getStringWidth(text) / 1000 * size;
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x - width, y - LINE);
        page.showText(text);
        page.endText();
    }

    /** The text cut to the width, with an ellipsis; characters the font lacks become '?'. */
    private String fit(String text, float width, float size) throws IOException {
        String shown = printable(text);
        if (font.getStringWidth(shown) / 1000 * size <= width) {
            return shown;
        }
        while (!shown.isEmpty() && font.getStringWidth(shown + "…") / 1000 * size > width) {
            shown = shown.substring(0, shown.length() - 1);
        }
        return shown + "…";
    }

    private String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> {
            String character = Character.toString(c);
            try {
                font.encode(character);
                shown.append(Character.isISOControl(c) ? "?" : character);
            } catch (IOException | IllegalArgumentException e) {
                shown.append('?');
            }
        });
        return shown.toString();
    }

    private static String change(Double percent) {
        return percent == null ? "" : " (" + signed(percent) + " % against the month before)";
    }

    private static String signed(double percent) {
        return (percent > 0 ? "+" : "") + percent;
    }

    private static String entity(String entity) {
        return entity == null ? "" : " (" + entity + ")";
    }

    private static String change(ApplicationChange change) {
        return change.application() + entity(change.entity()) + ", change request " + change.request() + " applied "
                + GENERATED.format(change.appliedAt().atOffset(ZoneOffset.UTC));
    }
}
