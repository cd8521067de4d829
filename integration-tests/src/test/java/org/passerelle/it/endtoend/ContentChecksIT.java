package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Content checks end to end, on a server of its own (ports {@value #SHIFT} above the end-to-end
 * server's) with the real spamd and clamd of {@code scanners/scanners.sh}, started here on ports
 * derived from the same base (so that parallel builds with other ports do not collide) and stopped
 * after, and an smtp-sink as its smart host. The settings are the defaults (every flow scanned for
 * viruses and its attachments checked, inbound mail from an unregistered client, 127.0.30.x, scored
 * for spam) except that a refused attachment is quarantined ({@code PSL_ATTACHMENT_ACTION}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentChecksIT {

    private static final int SHIFT = 95;
    private static final int SMTP_PORT = TestSettings.port("e2e.smtp.port") + SHIFT;
    private static final int SINK_PORT = SMTP_PORT + 3;
    private static final int SPAMD_PORT = SMTP_PORT + 4;
    private static final int CLAMD_PORT = SMTP_PORT + 5;
    private static final String DATABASE = TestSettings.get("e2e.database") + "_content";
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final String VIRUS_FOUND = "554 5.7.0 Virus found: Eicar-Test-Signature.UNOFFICIAL";
    private static final String INBOUND_CLIENT = "127.0.30.1";
    private static final String INBOUND_RECIPIENT = "alice@managed.test";

    private final Path scannersDir = TestSettings.path("work.dir").resolve("content-scanners");
    private PasserelleServer server;
    private SmtpSink sink;
    private RestApi api;

    @BeforeAll
    void start() throws Exception {
        scanners("start", "--spamd-port", String.valueOf(SPAMD_PORT), "--clamd-port", String.valueOf(CLAMD_PORT));
        sink = new SmtpSink(SINK_PORT, TestSettings.path("work.dir").resolve("content-sink"));
        sink.start();
        Path base = TestSettings.path("work.dir").resolve("content-server");
        Process fresh = new ProcessBuilder(Path.of(System.getProperty("user.dir"), "fresh-server.sh").toString(), base.toString(), DATABASE)
                .redirectErrorStream(true).start();
        String output = new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fresh.waitFor(), output);
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("PSL_JDBC_URL", TestSettings.get("it.db.url") + "/" + DATABASE),
                Map.entry("PSL_DB_USER", TestSettings.get("it.db.user")),
                Map.entry("PSL_DB_PASSWORD", TestSettings.get("it.db.password")),
                Map.entry("PSL_LDAP_URL", TestSettings.get("it.ldap.url")),
                Map.entry("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("PSL_SMTP_PORT", String.valueOf(SMTP_PORT)),
                Map.entry("PSL_SUBMISSION_PORT", String.valueOf(SMTP_PORT + 1)),
                Map.entry("PSL_SUBMISSIONS_PORT", String.valueOf(SMTP_PORT + 2)),
                Map.entry("PSL_HOSTNAME", "content.passerelle.test"),
                Map.entry("PSL_SMART_HOST", "[127.0.0.1]:" + SINK_PORT),
                Map.entry("PSL_MINIMAL_BACKOFF_SECONDS", "2"),
                Map.entry("PSL_DIRECTORY_CACHE_SECONDS", "1"),
                Map.entry("PSL_RATE_ALERT_PER_HOUR", "0"),
                Map.entry("PSL_RATE_BLOCK_PER_HOUR", "0"),
                Map.entry("PSL_RATE_APPLICATION_ALERT_PER_HOUR", "0"),
                Map.entry("PSL_GREYLIST_ENABLED", "false"),
                // the tests defer mail on purpose: no incident monitor mails about it to this sink
                Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "86400"),
                Map.entry("PSL_SPAMD_PORT", String.valueOf(SPAMD_PORT)),
                Map.entry("PSL_CLAMD_PORT", String.valueOf(CLAMD_PORT)),
                Map.entry("PSL_CLAMD_TIMEOUT_SECONDS", "10"),
                Map.entry("PSL_ATTACHMENT_ACTION", "quarantine")));
        server = new PasserelleServer(TestSettings.path("server.home"), base, TestSettings.port("e2e.port.offset") + SHIFT, SMTP_PORT,
                environment);
        server.start();
        api = new RestApi(server);
    }

    @AfterAll
    void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (sink != null) {
                sink.stop();
            }
            scanners("stop");
        }
    }

    @Test
    void gtubeFromAnInboundClientIsTaggedMarkedHighAndItsScoreKept() {
        String marker = UUID.randomUUID().toString();
        // the sender's own status header does not pass for the gateway's
        String reply = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT,
                "X-status: LOW\r\n" + message("Offer " + marker, "Buy now " + GTUBE));
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        String delivered = awaitAtSink(marker);
        assertTrue(delivered.contains("\nSubject: [MESSAGE MARQUE SPAM] Offer " + marker + "\n"), delivered);
        assertTrue(delivered.contains("\nX-status: HIGH\n") && !delivered.contains("X-status: LOW"), delivered);
        String spam = contentVerdict(queueId(reply), "spam");
        assertTrue(spam.contains("score 10") && spam.contains("GTUBE") && spam.contains("(spamd, "), spam);
        assertTrue(contentVerdict(queueId(reply), "virus").startsWith("clean (clamd, "), "the virus scan ran too");
    }

    @Test
    void scoresBetweenTheThresholdsAreMarkedMediumAndLowWithoutTheTag() {
        String medium = UUID.randomUUID().toString();
        String low = UUID.randomUUID().toString();
        assertTrue(send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT,
                message("Medium " + medium, "PASSERELLE-TEST-MEDIUM-SPAM")).startsWith("250"));
        assertTrue(send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT,
                message("Low " + low, "PASSERELLE-TEST-LOW-SPAM")).startsWith("250"));
        String mediumMessage = awaitAtSink(medium);
        assertTrue(mediumMessage.contains("\nX-status: MEDIUM\n") && mediumMessage.contains("\nSubject: Medium " + medium + "\n"),
                mediumMessage);
        String lowMessage = awaitAtSink(low);
        assertTrue(lowMessage.contains("\nX-status: LOW\n") && lowMessage.contains("\nSubject: Low " + low + "\n"), lowMessage);
    }

    @Test
    void applicationMailIsScannedForVirusesButNotScored() {
        String marker = UUID.randomUUID().toString();
        String reply = send("127.0.0.1", "billing@managed.test", "customer@external.test", message("Invoice " + marker, GTUBE));
        assertTrue(reply.startsWith("250"), reply);
        String delivered = awaitAtSink(marker);
        assertFalse(delivered.contains("X-status:") || delivered.contains("MESSAGE MARQUE SPAM"), delivered);
        assertTrue(contentVerdict(queueId(reply), "virus").startsWith("clean (clamd, "));
        assertTrue(contentVerdicts(queueId(reply)).stream().noneMatch(v -> v.getString("subject").equals("spam")), "not scored");
        String infected = send("127.0.0.1", "billing@managed.test", "customer@external.test", message("Invoice", EICAR));
        assertTrue(infected.startsWith(VIRUS_FOUND), "every flow is scanned for viruses: " + infected);
    }

    @Test
    void eicarIsRefusedInEachOfItsDisguises() {
        byte[] eicar = EICAR.getBytes(StandardCharsets.US_ASCII);
        String attached = attachment("Invoice", "invoice.com", "application/octet-stream", eicar);
        Map<String, String> disguises = Map.of(
                "plain body", message("Hello", EICAR),
                "base64 attachment", attached,
                "inside a zip", attachment("Invoice", "invoice.zip", "application/zip", zip("invoice.com", eicar)),
                "inside a forwarded message", forwarded(attached));
        disguises.forEach((disguise, message) -> {
            String reply = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT, message);
            assertTrue(reply.startsWith(VIRUS_FOUND), disguise + ": " + reply);
        });
    }

    @Test
    void withClamdStoppedMailIsDeferredAndAcceptedOnceItIsBack() {
        String marker = UUID.randomUUID().toString();
        String message = message("Report " + marker, "The weekly report.");
        assertEquals(200, readiness().statusCode());
        scanners("stop-clamd");
        try {
            String deferred = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT, message);
            assertTrue(deferred.startsWith("451 4.7.0"), deferred);
            HttpResponse<String> notReady = readiness();
            assertEquals(503, notReady.statusCode(), "clamd is needed and fail closed: the node takes no mail");
            assertTrue(notReady.body().contains("clamd does not answer"), notReady.body());
        } finally {
            scanners("start-clamd", "--clamd-port", String.valueOf(CLAMD_PORT));
        }
        assertEquals(200, readiness().statusCode(), "ready again");
        String accepted = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT, message);
        assertTrue(accepted.startsWith("250"), accepted);
        assertEquals(1, awaitAtSinkAll(marker).size(), "one copy, the one accepted");
        assertTrue(server.log().contains("virus scan failed, message deferred: clamd at"), "the failure is logged");
    }

    @Test
    void withSpamdStoppedInboundMailIsAcceptedUnscoredAndSaysSo() {
        String marker = UUID.randomUUID().toString();
        scanners("stop-spamd");
        String reply;
        try {
            reply = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT, message("Note " + marker, "Hello"));
        } finally {
            scanners("start-spamd", "--spamd-port", String.valueOf(SPAMD_PORT));
        }
        assertTrue(reply.startsWith("250"), reply);
        assertTrue(contentVerdict(queueId(reply), "spam").startsWith("not scored, accepted (PSL_SPAMD_FAIL_OPEN): spamd at"),
                "the fail-open default");
        assertFalse(awaitAtSink(marker).contains("X-status:"));
    }

    @Test
    void blockedAttachmentsAreQuarantinedAndOnlyOperationsReleaseThem() {
        byte[] pe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};
        String exe = UUID.randomUUID().toString();
        String exeReply = send("127.0.0.1", "billing@managed.test", "customer@external.test",
                attachment("Tool " + exe, "setup.exe", "application/octet-stream", pe));
        assertTrue(exeReply.startsWith("250"), exeReply);
        String exeId = queueId(exeReply);
        String doubleReply = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT,
                attachment("Invoice", "invoice.pdf.exe", "application/octet-stream", pe));
        String lyingReply = send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT,
                attachment("Invoice", "invoice.pdf", "application/pdf", pe));

        assertEquals("attachment setup.exe: blocked extension (.exe)", quarantined(exeId).getString("reason"));
        assertEquals("attachment invoice.pdf.exe: double extension (.pdf.exe)", quarantined(queueId(doubleReply)).getString("reason"));
        assertEquals("attachment invoice.pdf: executable content declared as something else (application/pdf)",
                quarantined(queueId(lyingReply)).getString("reason"));
        assertEquals("HELD", api.message(exeId).getString("state"), "quarantined: not delivered");

        // alice manages billing: she sees its message and may download it (no virus), not release it
        RestApi alice = api.as("alice");
        assertTrue(alice.get("/quarantine").array().getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("queueId").equals(exeId)));
        assertEquals(404, alice.get("/quarantine/" + queueId(doubleReply)).status(), "not her application's");
        assertEquals(200, alice.text("/quarantine/" + exeId + "/content").statusCode());
        assertEquals(403, release(alice, exeId).status());
        assertEquals(403, release(api.as("audrey"), exeId).status(), "the auditor reads only");
        assertEquals(409, api.call("POST", "/queue/" + exeId + "/release", null, RestApi.REQUESTED_BY, "tests").status(),
                "the queue's release would skip the new scan");

        RestApi.Reply released = release(api, exeId);
        assertEquals(200, released.status(), String.valueOf(released.body()));
        assertTrue(awaitAtSink(exe).contains("setup.exe"), "released: delivered");
        assertEquals(204, api.as("carol").delete("/quarantine/" + queueId(doubleReply)).status());
        assertEquals(404, api.get("/quarantine/" + queueId(doubleReply)).status(), "deleted");
        assertTrue(api.get("/audit?action=quarantine.release").array().size() >= 1);
    }

    @Test
    void outbreakModeQuarantinesAttachmentsDeliversTextAndReleasesAfterwards() {
        String text = UUID.randomUUID().toString();
        String attached = UUID.randomUUID().toString();
        assertEquals(403, api.as("alice").put("/quarantine/outbreak", Json.createObjectBuilder().add("on", true).build(), null).status());
        assertEquals(200, api.put("/quarantine/outbreak", Json.createObjectBuilder().add("on", true).build(), null).status());
        String reply;
        try {
            assertTrue(send(INBOUND_CLIENT, "someone@sender.example", INBOUND_RECIPIENT, message("Text " + text, "Only words."))
                    .startsWith("250"));
            reply = send("127.0.0.1", "billing@managed.test", "customer@external.test",
                    attachment("Report " + attached, "report.pdf", "application/pdf", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(reply.startsWith("250"), reply);
            awaitAtSink(text);
            assertEquals("outbreak mode", quarantined(queueId(reply)).getString("reason"));
        } finally {
            RestApi.Reply off = api.put("/quarantine/outbreak", Json.createObjectBuilder().add("on", false).build(), null);
            assertEquals(200, off.status(), String.valueOf(off.body()));
            assertTrue(((JsonObject) off.body()).getInt("released") >= 1, String.valueOf(off.body()));
        }
        assertTrue(awaitAtSink(attached).contains("report.pdf"), "released in bulk after the switch-off, after a new scan");
    }

    private JsonObject quarantined(String queueId) {
        RestApi.Reply reply = api.get("/quarantine/" + queueId);
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return (JsonObject) reply.body();
    }

    private static RestApi.Reply release(RestApi as, String queueId) {
        return as.call("POST", "/quarantine/" + queueId + "/release", null, RestApi.REQUESTED_BY, "passerelle-tests");
    }

    /** The rule text of the message's content check of that name ({@code virus}, {@code spam}). */
    private String contentVerdict(String queueId, String check) {
        return contentVerdicts(queueId).stream().filter(v -> check.equals(v.getString("subject")))
                .map(v -> v.getString("rule")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " check kept with " + queueId));
    }

    /** The outcomes of the content checks kept with the message: only those that ran. */
    private List<JsonObject> contentVerdicts(String queueId) {
        return api.message(queueId).getJsonArray("policyVerdicts").getValuesAs(JsonObject.class).stream()
                .filter(v -> "content".equals(v.getString("stage"))).toList();
    }

    private static String queueId(String reply) {
        return reply.substring("250 2.0.0 Ok: queued as ".length()).trim();
    }

    /** The reply to the end of DATA of a whole message sent from that client address. */
    private static String send(String client, String sender, String recipient, String message) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, SMTP_PORT)) {
            smtp.send("EHLO client.example.test");
            assertTrue(smtp.send("MAIL FROM:<" + sender + ">").startsWith("250"));
            String rcpt = smtp.send("RCPT TO:<" + recipient + ">");
            assertTrue(rcpt.startsWith("250"), rcpt);
            assertTrue(smtp.send("DATA").startsWith("354"));
            String reply = smtp.data(message);
            smtp.send("QUIT");
            return reply;
        }
    }

    private String awaitAtSink(String marker) {
        return awaitAtSinkAll(marker).get(0).message();
    }

    private List<SmtpSink.Received> awaitAtSinkAll(String marker) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<SmtpSink.Received> arrived = new ArrayList<>();
        while (arrived.isEmpty() && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(200));
            arrived = sink.messagesContaining(marker);
        }
        assertFalse(arrived.isEmpty(), "nothing with " + marker + " reached the sink");
        return arrived;
    }

    /** Headers a real client writes, so that only the body makes the score. */
    private static String headers(String subject) {
        return "From: Someone <someone@sender.example>\r\nTo: alice@managed.test\r\nSubject: " + subject + "\r\n"
                + "Date: Sun, 06 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@sender.example>\r\n";
    }

    private static String message(String subject, String body) {
        return headers(subject) + "\r\n" + body;
    }

    private static String attachment(String subject, String fileName, String type, byte[] content) {
        return headers(subject) + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nPlease find the file attached.\r\n"
                + "--b1\r\nContent-Type: " + type + "; name=\"" + fileName + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n"
                + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content) + "\r\n--b1--";
    }

    private static String forwarded(String inner) {
        return headers("Fwd: Invoice") + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"f1\"\r\n\r\n"
                + "--f1\r\nContent-Type: text/plain\r\n\r\nForwarded below.\r\n"
                + "--f1\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "\r\n--f1--";
    }

    private static byte[] zip(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> readiness() {
        try {
            return server.httpClient().send(HttpRequest.newBuilder(server.http("/api/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void scanners(String command, String... options) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("user.dir"), "../scanners/scanners.sh").toString(),
                command, "--dir", scannersDir.toString()));
        line.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), String.join(" ", line) + ":\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
