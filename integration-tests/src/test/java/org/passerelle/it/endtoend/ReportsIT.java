package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.it.endtoend.RestApi.Reply;

/**
 * The monthly report end to end (docs/reports.md): a year of traffic written into the daily rollup
 * with dates the test chooses, the report of its last month made through the API and read back as
 * PDF (PDFBox's text extraction), CSV (parsed) and JSON, each role seeing what it should, and the
 * report mailed to an application's managers and owners reaching the sink with the PDF attached.
 * Messages sent over SMTP reach the rollup too, accepted and then delivered.
 */
@ExtendWith(Passerelle.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the traffic is written once the server (its schema) is up
class ReportsIT {

    /** A month long past, whose traffic only this test writes. */
    private static final YearMonth MONTH = YearMonth.of(2024, 6);
    private static final String INJECTED = "=cmd|' /C calc'!A0";
    /** Messages per application in each of the twelve months, oldest first. */
    private static final Map<String, long[]> TRAFFIC = Map.of(
            "billing", new long[]{900, 910, 920, 930, 940, 950, 960, 970, 980, 990, 1000, 1234},
            "payroll", new long[]{300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 400, 321},
            "legacy-fax", new long[]{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 7, 17},
            INJECTED, new long[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});

    private final Passerelle passerelle;

    ReportsIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @BeforeAll
    void writeAYearOfTraffic() throws Exception {
        try (Connection db = database();
             PreparedStatement clear = db.prepareStatement("delete from traffic_day where traffic_on >= ? and traffic_on <= ?");
             PreparedStatement insert = db.prepareStatement("insert into traffic_day (traffic_on, application, site, accepted, delivered,"
                     + " bytes) values (?, ?, ?, ?, ?, ?)")) {
            clear.setDate(1, Date.valueOf(MONTH.minusMonths(11).atDay(1)));
            clear.setDate(2, Date.valueOf(MONTH.atEndOfMonth()));
            clear.executeUpdate();
            for (Map.Entry<String, long[]> application : TRAFFIC.entrySet()) {
                for (int i = 0; i < 12; i++) {
                    long count = application.getValue()[i];
                    if (count == 0) {
                        continue;
                    }
                    // split over two days and the two sites: the report adds them up
                    LocalDate first = MONTH.minusMonths(11 - i).atDay(3);
                    insertDay(insert, first, application.getKey(), "gw-paris", count / 2);
                    insertDay(insert, first.plusDays(20), application.getKey(), "gw-lyon", count - count / 2);
                }
            }
            insert.executeBatch();
        }
    }

    private static void insertDay(PreparedStatement insert, LocalDate day, String application, String site, long count) throws Exception {
        insert.setDate(1, Date.valueOf(day));
        insert.setString(2, application);
        insert.setString(3, site);
        insert.setLong(4, count);
        insert.setLong(5, count);
        insert.setLong(6, count * 4096);
        insert.addBatch();
    }

    @Test
    void theMonthsReportNamesEachApplicationWithItsCountInPdfCsvAndJson() throws Exception {
        JsonObject made = generate("carol", MONTH, "all");
        assertEquals(TRAFFIC.values().stream().mapToLong(counts -> counts[11]).sum(), made.getJsonNumber("total").longValue());

        HttpResponse<byte[]> pdf = passerelle.api.as("audrey").bytes("/reports/" + MONTH, "application/pdf");
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"));
        String text = pdfText(pdf.body());
        assertTrue(text.contains("Passerelle monthly report, June 2024, all gateway sites"), text);
        for (String application : List.of("billing", "payroll", "legacy-fax")) {
            long count = TRAFFIC.get(application)[11];
            assertTrue(text.lines().anyMatch(line -> line.startsWith(application) && line.contains(" " + count + " ")), application + " " + count + ":\n" + text);
        }
        assertTrue(text.contains("candidates for removal"), text);

        HttpResponse<byte[]> csv = passerelle.api.as("oscar").bytes("/reports/" + MONTH + ".csv", "*/*");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<List<String>> rows = parseCsv(new String(csv.body(), StandardCharsets.UTF_8));
        assertEquals(MONTH.toString(), rows.get(0).get(13));
        Map<String, List<String>> byName = rows.stream().skip(1).collect(Collectors.toMap(row -> row.get(0), row -> row));
        assertEquals("1234", byName.get("billing").get(13));
        assertEquals("finance", byName.get("billing").get(1));
        assertEquals("23.4", byName.get("billing").get(14), "the change against the month before, in percent");
        assertEquals("17", byName.get("legacy-fax").get(13));
        assertTrue(byName.containsKey("'" + INJECTED), "the formula-shaped name is neutralised: " + byName.keySet());
        assertFalse(byName.containsKey(INJECTED));
        assertEquals("2", byName.get("'" + INJECTED).get(13));

        JsonObject json = passerelle.api.as("audrey").get("/reports/" + MONTH + ".json").object();
        assertEquals(MONTH.toString(), json.getString("month"));
        assertEquals(12, json.getJsonArray("months").size());
        JsonObject payroll = application(json, "payroll");
        assertEquals(321, payroll.getJsonNumber("thisMonth").longValue());
        assertEquals("hr", payroll.getString("entity"));
        assertTrue(json.getJsonArray("silent").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(name -> name.getString().equals("crm")), "crm sent nothing: " + json.get("silent"));

        Reply list = passerelle.api.as("mona").get("/reports");
        assertEquals(200, list.status());
        assertTrue(list.array().stream().map(JsonValue::asJsonObject)
                .anyMatch(report -> report.getString("month").equals(MONTH.toString()) && report.getString("site").equals("all")), list.body().toString());
    }

    @Test
    void aSitesReportCountsOnlyThatSite() {
        JsonObject lyon = generate("oscar", MONTH, "gw-lyon");
        assertEquals(617, application(lyon, "billing").getJsonNumber("thisMonth").longValue());
        assertEquals("gw-lyon", lyon.getString("site"));
    }

    @Test
    void managersAndOwnersSeeOnlyTheirApplicationsAndOnlyCentralAndOperationsMakeReports() {
        generate("carol", MONTH, "all");
        JsonObject monas = passerelle.api.as("mona").get("/reports/" + MONTH).object();
        assertEquals(List.of("legacy-fax"), names(monas));
        assertEquals(17, monas.getJsonNumber("total").longValue(), "her totals are her applications'");
        JsonObject daves = passerelle.api.as("dave").get("/reports/" + MONTH).object();
        assertEquals(List.of(), names(daves));

        Reply refused = passerelle.api.as("alice").post("/reports", Json.createObjectBuilder().add("month", MONTH.toString()).build());
        assertEquals(403, refused.status(), String.valueOf(refused.body()));
        Reply auditor = passerelle.api.as("audrey").post("/reports", Json.createObjectBuilder().add("month", MONTH.toString()).build());
        assertEquals(403, auditor.status());
        Reply badMonth = passerelle.api.as("carol").post("/reports", Json.createObjectBuilder().add("month", "June").build());
        assertEquals(400, badMonth.status());
        assertEquals("month", badMonth.object().getString("field"));
        assertEquals(404, passerelle.api.as("carol").get("/reports/1999-01").status());
    }

    @Test
    void theReportIsMailedToTheApplicationsManagersAndOwnersWithThePdfAttached() throws Exception {
        generate("carol", MONTH, "all");
        JsonObject mailBilling = Json.createObjectBuilder().add("application", "billing").build();
        assertEquals(403, passerelle.api.as("alice").post("/reports/" + MONTH + "/mail", mailBilling).status(),
                "a manager does not send it, the owner does");
        Reply sent = passerelle.api.as("bob").post("/reports/" + MONTH + "/mail", mailBilling);
        assertEquals(202, sent.status(), String.valueOf(sent.body()));
        String queueId = sent.object().getString("queueId");

        String subject = "Passerelle monthly report " + MONTH + ": billing";
        List<SmtpSink.Received> mails = awaitMail(subject);
        assertFalse(mails.isEmpty(), "the report reached the sink");
        List<String> recipients = mails.stream().flatMap(mail -> mail.rcptTo().stream()).toList();
        assertTrue(recipients.stream().anyMatch(r -> r.contains("alice@managed.test")), recipients.toString());
        assertTrue(recipients.stream().anyMatch(r -> r.contains("bob@managed.test")), recipients.toString());

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mails.get(0).message().getBytes(StandardCharsets.ISO_8859_1)));
        Part pdf = attachment((Multipart) message.getContent());
        assertEquals("passerelle-report-" + MONTH + "-all.pdf", pdf.getFileName());
        String text;
        try (InputStream in = pdf.getInputStream()) {
            text = pdfText(in.readAllBytes());
        }
        assertTrue(text.lines().anyMatch(line -> line.startsWith("billing") && line.contains(" 1234 ")), text);
        assertFalse(text.contains("payroll"), "only the application mailed about:\n" + text);

        JsonObject audit = passerelle.api.as("carol").get("/audit?action=report.mail&actor=bob").array().stream()
                .map(JsonValue::asJsonObject).filter(entry -> entry.toString().contains(queueId)).findFirst().orElseThrow();
        assertEquals(MONTH + "/all/billing", audit.getString("target"));
    }

    @Test
    void messagesAcceptedAndDeliveredReachTheRollup() throws Exception {
        LocalDate today = LocalDate.now();
        long[] before = today("billing", today);
        for (int i = 0; i < 3; i++) {
            Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", "billing@managed.test",
                    "--to", "rollup-" + i + "@example.org", "--header", "Subject: rollup " + i);
            assertEquals(0, sent.exitCode(), sent.text());
            passerelle.api.awaitState(sent.queueId(), "DELIVERED", Duration.ofSeconds(30));
        }
        // the accepted counts are flushed every PSL_REPORT_ROLLUP_FLUSH_SECONDS (5 s by default)
        Instant deadline = Instant.now().plusSeconds(20);
        long[] after = today("billing", today);
        while ((after[0] < before[0] + 3 || after[1] < before[1] + 3) && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(500));
            after = today("billing", today);
        }
        assertEquals(before[0] + 3, after[0], "accepted");
        assertEquals(before[1] + 3, after[1], "delivered");
        assertTrue(after[2] > before[2], "bytes");

        JsonObject thisMonth = generate("carol", YearMonth.now(), "all");
        assertTrue(application(thisMonth, "billing").getJsonNumber("thisMonth").longValue() >= 3, thisMonth.toString());
    }

    private JsonObject generate(String login, YearMonth month, String site) {
        Reply made = passerelle.api.as(login).post("/reports", Json.createObjectBuilder().add("month", month.toString()).add("site", site).build());
        assertEquals(201, made.status(), String.valueOf(made.body()));
        return made.object();
    }

    private static JsonObject application(JsonObject report, String name) {
        return report.getJsonArray("applications").stream().map(JsonValue::asJsonObject)
                .filter(app -> app.getString("name").equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + report));
    }

    private static List<String> names(JsonObject report) {
        return report.getJsonArray("applications").stream().map(app -> app.asJsonObject().getString("name")).toList();
    }

    private List<SmtpSink.Received> awaitMail(String subject) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<SmtpSink.Received> mails = passerelle.sink.messagesContaining(subject);
        while (mails.isEmpty() && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
            mails = passerelle.sink.messagesContaining(subject);
        }
        PasserelleServer.sleep(Duration.ofSeconds(1));
        return passerelle.sink.messagesContaining(subject);
    }

    private static Part attachment(Multipart parts) throws Exception {
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("application/pdf")) {
                return parts.getBodyPart(i);
            }
        }
        throw new AssertionError("no PDF attached");
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** accepted, delivered and bytes of the application today, all sites. */
    private static long[] today(String application, LocalDate day) throws Exception {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("select coalesce(sum(accepted), 0), coalesce(sum(delivered), 0),"
                     + " coalesce(sum(bytes), 0) from traffic_day where traffic_on = ? and application = ?")) {
            select.setDate(1, Date.valueOf(day));
            select.setString(2, application);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new long[]{rows.getLong(1), rows.getLong(2), rows.getLong(3)};
            }
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
    }

    /** RFC 4180 as a spreadsheet reads it: quoted cells, doubled quotes, CRLF lines. */
    private static List<List<String>> parseCsv(String csv) {
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
