package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Greylisting, on a server of its own with short settings (a delay of {@value #DELAY_SECONDS} s,
 * pending and passed triplets kept {@value #LIFETIME_SECONDS} s, auto-allow after two passes):
 * the shared end-to-end server leaves it off, since its tests expect unregistered clients to be
 * answered at once. Each test sends from a /24 of its own, so that no test's triplets or network
 * passes reach another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreylistIT {

    private static final int DELAY_SECONDS = 4;
    private static final int LIFETIME_SECONDS = 12;
    private static final int SMTP_PORT = TestSettings.port("e2e.smtp.port") + 70;
    private static final String DATABASE = TestSettings.get("e2e.database") + "_greylist";
    private static final String HOST = "greylist.passerelle.test";
    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-Z]{16})");

    private PasserelleServer server;
    private RestApi api;

    @BeforeAll
    void start() throws Exception {
        server = freshServer("greylist-server", DATABASE, 70, Map.of(
                "PSL_GREYLIST_DELAY_SECONDS", String.valueOf(DELAY_SECONDS),
                "PSL_GREYLIST_PENDING_SECONDS", String.valueOf(LIFETIME_SECONDS),
                "PSL_GREYLIST_CONFIRMED_SECONDS", String.valueOf(LIFETIME_SECONDS),
                "PSL_GREYLIST_AUTO_ALLOW_PASSES", "2"));
        server.start();
        api = new RestApi(server);
    }

    /**
     * A server of its own (base folder, database), its ports {@code shift} above the end-to-end
     * server's, greylisting on with the settings given.
     */
    private static PasserelleServer freshServer(String folder, String database, int shift, Map<String, String> greylisting)
            throws Exception {
        Path base = TestSettings.path("work.dir").resolve(folder);
        Process fresh = new ProcessBuilder(Path.of(System.getProperty("user.dir"), "fresh-server.sh").toString(), base.toString(), database)
                .redirectErrorStream(true).start();
        String output = new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fresh.waitFor(), output);
        int smtpPort = TestSettings.port("e2e.smtp.port") + shift;
        Map<String, String> environment = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("PSL_JDBC_URL", TestSettings.get("it.db.url") + "/" + database),
                Map.entry("PSL_DB_USER", TestSettings.get("it.db.user")),
                Map.entry("PSL_DB_PASSWORD", TestSettings.get("it.db.password")),
                Map.entry("PSL_LDAP_URL", TestSettings.get("it.ldap.url")),
                Map.entry("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("PSL_SMTP_PORT", String.valueOf(smtpPort)),
                Map.entry("PSL_SUBMISSION_PORT", String.valueOf(smtpPort + 1)),
                Map.entry("PSL_SUBMISSIONS_PORT", String.valueOf(smtpPort + 2)),
                Map.entry("PSL_SMTPD_RELAY_AUTH", "true"),
                Map.entry("PSL_HOSTNAME", HOST),
                Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "86400"),
                // nothing listens there: accepted messages stay queued, their headers readable
                Map.entry("PSL_SMART_HOST", "[127.0.0.1]:9"),
                // no content checks on this server (ContentChecksIT runs them)
                Map.entry("PSL_CONTENT_VIRUS_FLOWS", "none"),
                Map.entry("PSL_CONTENT_SPAM_FLOWS", "none"),
                Map.entry("PSL_CONTENT_ATTACHMENT_FLOWS", "none"),
                Map.entry("PSL_MINIMAL_BACKOFF_SECONDS", "3600"),
                Map.entry("PSL_DIRECTORY_CACHE_SECONDS", "1"),
                Map.entry("PSL_GREYLIST_ENABLED", "true")));
        environment.putAll(greylisting);
        return new PasserelleServer(TestSettings.path("server.home"), base, TestSettings.port("e2e.port.offset") + shift, smtpPort,
                environment);
    }

    @Test
    void aGreylistSettingOutOfRangeStopsTheServerNamingIt() throws Exception {
        PasserelleServer broken = freshServer("greylist-broken-server", DATABASE + "_broken", 75,
                Map.of("PSL_GREYLIST_IPV4_PREFIX", "33", "PSL_GREYLIST_DELAY_SECONDS", "-5"));
        broken.launch();
        boolean exited = broken.exitsWithin(Duration.ofMinutes(3));
        if (!exited) {
            broken.kill();
        }
        assertTrue(exited, "the server still runs:\n" + broken.logTail());
        String log = broken.log();
        assertTrue(log.contains("PSL_GREYLIST_IPV4_PREFIX=33: must be a whole number from 8 to 32"), broken.logTail());
        assertTrue(log.contains("PSL_GREYLIST_DELAY_SECONDS=-5: must be a whole number from 0 to 86400"), broken.logTail());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aNewTripletWaitsForTheDelayAndItsFirstMessageNamesIt() {
        String first = rcpt("127.0.20.1", "news+4711@sender.example", "dave@managed.test");
        assertTrue(first.startsWith("451 4.7.1 Greylisted, please try again later"), first);
        String tooEarly = rcpt("127.0.20.1", "news+4712@sender.example", "dave@managed.test");
        assertTrue(tooEarly.startsWith("451 4.7.1"), tooEarly);

        PasserelleServer.sleep(Duration.ofSeconds(DELAY_SECONDS + 1));
        // another address of the same /24, and another +extension: the same triplet
        String firstPassed = queued("127.0.20.9", "news+4713@sender.example", "dave@managed.test");
        String header = headers(firstPassed);
        Matcher delayed = Pattern.compile("X-Greylist: delayed (\\d+) seconds by Passerelle at " + Pattern.quote(HOST)).matcher(header);
        assertTrue(delayed.find(), header);
        assertTrue(Integer.parseInt(delayed.group(1)) >= DELAY_SECONDS, header);

        String next = queued("127.0.20.1", "news@sender.example", "dave@managed.test");
        assertFalse(headers(next).contains("X-Greylist"), "only the first message of a triplet names its delay");

        String otherTriplet = rcpt("127.0.20.1", "someone-else@sender.example", "dave@managed.test");
        assertTrue(otherTriplet.startsWith("451 4.7.1"), otherTriplet);

        JsonArray entries = api.get("/greylist?network=" + encode("127.0.20.0/24") + "&state=passed").array();
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("news@sender.example", entries.getJsonObject(0).getString("sender"));
        JsonObject today = api.as("audrey").get("/greylist/statistics?days=1").array().getJsonObject(0);
        assertTrue(today.getInt("passed") >= 1 && today.getInt("greylisted") >= 3
                && today.getInt("delaySecondsMax") >= DELAY_SECONDS, today.toString());
    }

    @Test
    void aPendingTripletNotRetriedInTimeIsGreylistedAfresh() {
        assertTrue(rcpt("127.0.21.1", "late@sender.example", "dave@managed.test").startsWith("451 4.7.1"));
        PasserelleServer.sleep(Duration.ofSeconds(LIFETIME_SECONDS + 1));
        String expired = rcpt("127.0.21.1", "late@sender.example", "dave@managed.test");
        assertTrue(expired.startsWith("451 4.7.1"), "a retry after the pending lifetime starts again: " + expired);
        PasserelleServer.sleep(Duration.ofSeconds(DELAY_SECONDS + 1));
        assertTrue(rcpt("127.0.21.1", "late@sender.example", "dave@managed.test").startsWith("250"));
    }

    @Test
    void aPassedTripletUnusedForItsLifetimeIsGreylistedAfresh() {
        assertTrue(rcpt("127.0.22.1", "rare@sender.example", "dave@managed.test").startsWith("451 4.7.1"));
        PasserelleServer.sleep(Duration.ofSeconds(DELAY_SECONDS + 1));
        assertTrue(rcpt("127.0.22.1", "rare@sender.example", "dave@managed.test").startsWith("250"));
        PasserelleServer.sleep(Duration.ofSeconds(LIFETIME_SECONDS + 1));
        String expired = rcpt("127.0.22.1", "rare@sender.example", "dave@managed.test");
        assertTrue(expired.startsWith("451 4.7.1"), expired);
    }

    @Test
    void aNetworkThatPassedTwiceAnHourApartSkipsGreylisting() throws SQLException {
        assertTrue(rcpt("127.0.23.1", "one@sender.example", "dave@managed.test").startsWith("451 4.7.1"));
        PasserelleServer.sleep(Duration.ofSeconds(DELAY_SECONDS + 1));
        assertTrue(rcpt("127.0.23.1", "one@sender.example", "dave@managed.test").startsWith("250"));
        assertTrue(rcpt("127.0.23.1", "one@sender.example", "dave@managed.test").startsWith("250"));
        // two passes within the hour count once: a new triplet from that network is still greylisted
        assertTrue(rcpt("127.0.23.1", "two@sender.example", "dave@managed.test").startsWith("451 4.7.1"));

        sql("update greylist_network set last_counted = last_counted - interval '1 hour' where client_network = '127.0.23.0/24'");
        assertTrue(rcpt("127.0.23.1", "one@sender.example", "dave@managed.test").startsWith("250"));
        assertTrue(rcpt("127.0.23.5", "three@sender.example", "dave@managed.test").startsWith("250"),
                "an auto-allowed network's new triplet passes at once");
    }

    @Test
    void allowListedMailApplicationsAndAuthenticatedPeopleAreNeverGreylisted() {
        assertTrue(rcpt("127.0.3.7", "partner@partner.example", "dave@managed.test").startsWith("250"), "allow-listed network");
        assertTrue(rcpt("127.0.24.1", "anyone@sender.example", "it-desk@corp.test").startsWith("250"), "allow-listed recipient");
        assertTrue(rcpt("127.0.0.1", "billing@managed.test", "dave@managed.test").startsWith("250"), "application billing");
        Swaks.Transcript person = Swaks.send(SMTP_PORT, "--local-interface", "127.0.24.2", "--tls", "--auth", "PLAIN",
                "--auth-user", "alice", "--auth-password", "password", "--from", "alice@managed.test", "--to", "dave@managed.test");
        assertTrue(person.hasReply("250 2.0.0 Ok: queued"), person.text());
        assertEquals(0, api.get("/greylist?network=" + encode("127.0.24.0/24")).array().size());
        assertEquals(0, api.get("/greylist?network=" + encode("127.0.0.0/24")).array().size());
    }

    @Test
    void theCentralServiceAllowListsANetworkThroughTheApi() {
        assertEquals(403, api.post("/greylist/allow-list", allowNetwork("127.0.25.0/24")).status(), "operations reads only");
        RestApi.Reply created = api.as("carol").post("/greylist/allow-list", allowNetwork("127.0.25.0/24"));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        RestApi.Reply invalid = api.as("carol").post("/greylist/allow-list", Json.createObjectBuilder().add("name", "bad-entry")
                .add("recipients", Json.createArrayBuilder().add("@managed.test")).build());
        assertEquals(400, invalid.status(), String.valueOf(invalid.body()));
        PasserelleServer.sleep(Duration.ofMillis(1500));
        assertTrue(rcpt("127.0.25.1", "new@sender.example", "dave@managed.test").startsWith("250"));
        assertEquals(403, api.as("alice").get("/greylist").status(), "a manager does not read the greylist");
    }

    @Test
    void theExplainApiReportsTheGreylistStageWithoutWritingIt() {
        JsonArray stages = api.post("/policy/explain", Json.createObjectBuilder().add("clientAddress", "127.0.26.1")
                .add("heloName", "client.example.test").add("sender", "explained@sender.example")
                .add("recipients", Json.createArrayBuilder().add("dave@managed.test")).build()).object().getJsonArray("stages");
        JsonObject greylist = stages.getJsonObject(stages.size() - 1);
        assertEquals("greylist", greylist.getString("stage"), stages.toString());
        assertEquals(451, greylist.getInt("code"));
        assertTrue(greylist.getString("rule").startsWith("greylisted: new triplet"), greylist.toString());
        assertEquals(0, api.get("/greylist?network=" + encode("127.0.26.0/24")).array().size(), "explaining wrote nothing");
    }

    @Test
    void twoSessionsRacingOnOneTripletMakeOneEntryAndBothWait() throws Exception {
        int sessions = 6;
        CyclicBarrier together = new CyclicBarrier(sessions);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String client = "127.0.27." + (i + 1);
                replies.add(pool.submit(() -> {
                    try (SmtpDialogue smtp = SmtpDialogue.open(client, SMTP_PORT)) {
                        smtp.send("EHLO racer.example.test");
                        smtp.send("MAIL FROM:<race@sender.example>");
                        together.await();
                        return smtp.send("RCPT TO:<dave@managed.test>");
                    }
                }));
            }
            for (Future<String> reply : replies) {
                String text = reply.get();
                assertTrue(text.startsWith("451 4.7.1"), text);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonArray entries = api.get("/greylist?network=" + encode("127.0.27.0/24")).array();
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("pending", entries.getJsonObject(0).getString("state"));
    }

    @Test
    void whenTheGreylistCannotBeReadTheRecipientIsDeferredNotAcceptedUnchecked() throws SQLException {
        sql("alter table greylist_triplet rename to greylist_triplet_away");
        try {
            String reply = rcpt("127.0.28.1", "someone@sender.example", "dave@managed.test");
            assertTrue(reply.startsWith("451 4.3.0"), reply);
        } finally {
            sql("alter table greylist_triplet_away rename to greylist_triplet");
        }
        assertTrue(rcpt("127.0.28.1", "someone@sender.example", "dave@managed.test").startsWith("451 4.7.1"));
    }

    private static jakarta.json.JsonObject allowNetwork(String network) {
        return Json.createObjectBuilder().add("name", "test-network-" + network.replace('/', '-'))
                .add("networks", Json.createArrayBuilder().add(network)).add("description", "a test").build();
    }

    /** The reply to RCPT in a session of its own. */
    private String rcpt(String client, String sender, String recipient) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, SMTP_PORT)) {
            smtp.send("EHLO client.example.test");
            String mail = smtp.send("MAIL FROM:<" + sender + ">");
            assertTrue(mail.startsWith("250"), mail);
            String reply = smtp.send("RCPT TO:<" + recipient + ">");
            smtp.send("QUIT");
            return reply;
        }
    }

    /** Sends a whole message, which must be accepted; its queue id. */
    private String queued(String client, String sender, String recipient) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, SMTP_PORT)) {
            smtp.send("EHLO client.example.test");
            smtp.send("MAIL FROM:<" + sender + ">");
            String rcpt = smtp.send("RCPT TO:<" + recipient + ">");
            assertTrue(rcpt.startsWith("250"), rcpt);
            assertTrue(smtp.send("DATA").startsWith("354"));
            String done = smtp.data("From: <" + sender + ">\r\nTo: <" + recipient + ">\r\nSubject: greylist\r\n\r\nHello");
            Matcher queued = QUEUED.matcher(done);
            assertTrue(queued.find(), done);
            smtp.send("QUIT");
            return queued.group(1);
        }
    }

    private String headers(String queueId) {
        try {
            HttpResponse<String> response = server.httpClient().send(HttpRequest.newBuilder(server.https("/api/v1/queue/" + queueId + "/headers"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("oscar:password".getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection db = DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + DATABASE, TestSettings.get("it.db.user"),
                TestSettings.get("it.db.password"));
             Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
