package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, points 2 and 3, on a server of its own (ports and database derived from the end-to-end
 * ones) whose rate window is a minute, flushed every second, with thresholds of a few connections:
 * alerts once per window, 421 above the block threshold and back in when the rate fell, 452 above
 * an application's {@code pslRateLimit}, an application's burst against its hourly history, 451
 * while the database does not take the counts.
 */
class RateWatchIT {

    private static final int ALERT = 3;
    private static final int BLOCK = 6;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private static PasserelleServer server;
    private static RestApi api;
    private static String database;

    @BeforeAll
    static void start() throws Exception {
        database = TestSettings.get("e2e.database") + "_rates";
        server = server("rates-server", 70, database, Map.of(
                "PSL_RATE_WINDOW_SECONDS", String.valueOf(WINDOW.toSeconds()),
                "PSL_RATE_FLUSH_SECONDS", "1",
                "PSL_RATE_ALERT_PER_HOUR", String.valueOf(ALERT),
                "PSL_RATE_BLOCK_PER_HOUR", String.valueOf(BLOCK)));
        server.start();
        api = new RestApi(server);
    }

    /**
     * A server of its own on a fresh database, ports shifted from the end-to-end ones.
     *
     * @param rates the rate settings, beside those every server needs
     */
    static PasserelleServer server(String name, int shift, String database, Map<String, String> rates) throws Exception {
        Path base = TestSettings.path("work.dir").resolve(name);
        Process fresh = new ProcessBuilder(Path.of(System.getProperty("user.dir"), "fresh-server.sh").toString(), base.toString(), database)
                .redirectErrorStream(true).start();
        String output = new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fresh.waitFor(), output);
        int smtpPort = TestSettings.port("e2e.smtp.port") + shift;
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("PSL_JDBC_URL", TestSettings.get("it.db.url") + "/" + database),
                Map.entry("PSL_DB_USER", TestSettings.get("it.db.user")),
                Map.entry("PSL_DB_PASSWORD", TestSettings.get("it.db.password")),
                Map.entry("PSL_LDAP_URL", TestSettings.get("it.ldap.url")),
                Map.entry("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("PSL_SMTP_PORT", String.valueOf(smtpPort)),
                Map.entry("PSL_SUBMISSION_PORT", String.valueOf(TestSettings.port("e2e.submission.port") + shift)),
                Map.entry("PSL_SUBMISSIONS_PORT", String.valueOf(TestSettings.port("e2e.submissions.port") + shift)),
                Map.entry("PSL_HOSTNAME", "rates.passerelle.test"),
                // no incident monitor run unless a test asks for one (IncidentsIT)
                Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "86400"),
                // nothing listens there: the relayed test messages stay deferred
                Map.entry("PSL_SMART_HOST", "[127.0.0.1]:9"),
                // no content checks on this server (ContentChecksIT runs them)
                Map.entry("PSL_CONTENT_VIRUS_FLOWS", "none"),
                Map.entry("PSL_CONTENT_SPAM_FLOWS", "none"),
                Map.entry("PSL_CONTENT_ATTACHMENT_FLOWS", "none"),
                Map.entry("PSL_DIRECTORY_CACHE_SECONDS", "1")));
        environment.putAll(rates);
        return new PasserelleServer(TestSettings.path("server.home"), base, TestSettings.port("e2e.port.offset") + shift, smtpPort,
                environment);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aClientOverTheAlertThresholdRaisesExactlyOneAlertWithinTheHour() throws Exception {
        String client = "127.0.0.41";
        for (int i = 0; i < ALERT + 1; i++) {
            greetAndQuit(client);
        }
        await(() -> alerts("rate.alert", client) == 1, Duration.ofSeconds(20), "an alert about " + client);
        greetAndQuit(client);
        greetAndQuit(client);
        Thread.sleep(4_000); // four flushes, each seeing the client above the threshold

        assertEquals(1, alerts("rate.alert", client), "one alert within the hour, however many flushes see the rate");
        assertEquals(1, occurrences(server.log(), "rate alert: Client " + client + " opened"), server.logTail());
        JsonObject row = api.as("oscar").get("/audit?action=rate.alert&target=" + encode("connections " + client)).array().getJsonObject(0);
        assertEquals("passerelle", row.getString("actor"));
        assertTrue(api.as("oscar").get("/messages?recipient=operations@managed.test").array().size() >= 1,
                "the alert is mailed to operations");
        JsonObject busiest = api.as("audrey").get("/rates?kind=connections").array().stream().map(JsonObject.class::cast)
                .filter(figure -> figure.getString("subject").equals(client)).findFirst().orElseThrow();
        assertEquals(ALERT + 3, busiest.getJsonNumber("count").longValue(), "the rates list counts each connection");
        RestApi.Reply wrongKind = api.as("oscar").get("/rates?kind=colours");
        assertEquals(400, wrongKind.status());
        assertEquals("kind", wrongKind.object().getString("field"), wrongKind.object().toString());
        assertEquals(403, api.as("alice").get("/rates").status(), "a manager sees no other clients' rates");
    }

    @Test
    void aClientOverTheBlockThresholdGets421AndIsLetInAgainWhenItsRateFalls() throws Exception {
        String client = "127.0.0.42";
        for (int i = 0; i < BLOCK; i++) {
            greetAndQuit(client);
        }
        try (SmtpDialogue refused = SmtpDialogue.open(client, server.smtpPort())) {
            assertTrue(refused.greeting().startsWith("421 4.7.0 Too many connections from " + client), refused.greeting());
            assertTrue(refused.greeting().contains("limit " + BLOCK), refused.greeting());
        }
        JsonObject connect = api.post("/policy/explain", Json.createObjectBuilder().add("clientAddress", client)
                .add("heloName", "client.example.test").add("sender", "x@outside.example")
                .add("recipients", Json.createArrayBuilder()).build()).object().getJsonArray("stages").getJsonObject(0);
        assertEquals(421, connect.getInt("code"), "the explain API answers as the session would: " + connect);
        assertTrue(connect.getString("rule").contains("above the block threshold " + BLOCK), connect.toString());
        await(() -> alerts("rate.block", client) == 1, Duration.ofSeconds(20), "a block alert about " + client);
        assertTrue(server.log().contains("rate block: Client " + client + " opened"), server.logTail());
        assertTrue(server.log().contains("its new connections are refused (421 4.7.0) until its rate falls back"), server.logTail());

        Thread.sleep(WINDOW.plusSeconds(3).toMillis()); // the connections leave the sliding window

        try (SmtpDialogue again = SmtpDialogue.open(client, server.smtpPort())) {
            assertTrue(again.greeting().startsWith("220 "), again.greeting());
        }
    }

    @Test
    void anApplicationOverItsRateLimitGets452AndUnderItRelays() throws Exception {
        String client = "127.0.0.43";
        String name = "rates-" + System.nanoTime();
        RestApi carol = api.as("carol");
        createApplication(name, client, "rates@managed.test", Json.createObjectBuilder().add("rateLimit", 3));
        try {
            Thread.sleep(2_000); // the directory cache
            for (int i = 1; i <= 3; i++) {
                try (SmtpDialogue smtp = SmtpDialogue.open(client, server.smtpPort())) {
                    smtp.send("EHLO app.example");
                    assertTrue(smtp.send("MAIL FROM:<rates@managed.test>").startsWith("250"), "message " + i + " is under the limit");
                    assertTrue(smtp.send("RCPT TO:<someone@example.org>").startsWith("250"), "an application relays");
                    assertTrue(smtp.send("DATA").startsWith("354"));
                    assertTrue(smtp.data("Subject: rate " + i + "\r\n\r\nunder the limit").startsWith("250"));
                }
            }
            try (SmtpDialogue smtp = SmtpDialogue.open(client, server.smtpPort())) {
                smtp.send("EHLO app.example");
                String over = smtp.send("MAIL FROM:<rates@managed.test>");
                assertTrue(over.startsWith("452 4.7.1 Application " + name + " reached its rate limit of 3 messages per hour"), over);
            }
            await(() -> alerts("rate.limit", name) == 1, Duration.ofSeconds(20), "the 90 % alert about " + name);
        } finally {
            carol.delete("/applications/" + name);
        }
    }

    @Test
    void anApplicationThreeTimesAboveItsUsualHourRaisesAnAnomalyAlert() throws Exception {
        String client = "127.0.0.45";
        String name = "anomaly-" + System.nanoTime();
        RestApi carol = api.as("carol");
        createApplication(name, client, "anomaly@managed.test", Json.createObjectBuilder());
        try (Connection db = DriverManager.getConnection(jdbcUrl(), TestSettings.get("it.db.user"), TestSettings.get("it.db.password"))) {
            // its usual level: ten messages in this hour (and the next, should the test cross it) one and two weeks ago
            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
            for (int weeks = 1; weeks <= 2; weeks++) {
                for (int next = 0; next <= 1; next++) {
                    execute(db, "insert into rate_hour (kind, subject, hour_start, counted) values ('messages', '" + name + "', timestamptz '"
                            + hour.minus(Duration.ofDays(7L * weeks)).plus(Duration.ofHours(next)) + "', 10)");
                }
            }
            Thread.sleep(2_000); // the directory cache
            try (SmtpDialogue smtp = SmtpDialogue.open(client, server.smtpPort())) {
                smtp.send("EHLO app.example");
                for (int i = 1; i <= 100; i++) {
                    assertTrue(smtp.send("MAIL FROM:<anomaly@managed.test>").startsWith("250"));
                    assertTrue(smtp.send("RCPT TO:<someone@example.org>").startsWith("250"));
                    assertTrue(smtp.send("DATA").startsWith("354"));
                    assertTrue(smtp.data("Subject: burst " + i + "\r\n\r\nmore than usual").startsWith("250"), "message " + i);
                }
            }
            await(() -> alerts("rate.anomaly", name) == 1, Duration.ofSeconds(20), "an anomaly alert about " + name);
            assertTrue(server.log().contains("rate anomaly: Application " + name + " had 100 messages queued in the last hour, more than 3"
                    + " times its usual 10 for this hour"), server.logTail());
        } finally {
            carol.delete("/applications/" + name);
        }
    }

    @Test
    void whileTheDatabaseDoesNotTakeTheCountsMailIsDeferredWith451NeverAcceptedUnchecked() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl(), TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
             SmtpDialogue smtp = SmtpDialogue.open("127.0.0.44", server.smtpPort())) {
            smtp.send("EHLO outside.example");
            try {
                execute(db, "alter table rate_slice rename to rate_slice_away");
                String deferred = awaitReply(smtp, reply -> reply.startsWith("451"));
                assertTrue(deferred.startsWith("451 4.3.0 Rate check unavailable"), deferred);
            } finally {
                execute(db, "alter table rate_slice_away rename to rate_slice");
            }
            String accepted = awaitReply(smtp, reply -> reply.startsWith("250"));
            assertTrue(accepted.startsWith("250"), accepted);
        }
    }

    /** Sends MAIL in the session until the reply matches (a RSET between tries), for at most 20 s. */
    private static String awaitReply(SmtpDialogue smtp, java.util.function.Predicate<String> wanted) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(20);
        String reply;
        do {
            reply = smtp.send("MAIL FROM:<someone@outside.example>");
            if (wanted.test(reply)) {
                return reply;
            }
            smtp.send("RSET");
            Thread.sleep(500);
        } while (Instant.now().isBefore(end));
        return reply;
    }

    /** An active application of gw-paris for one client address, as central creates it; {@code more}: its other fields. */
    private static void createApplication(String name, String client, String sender, JsonObjectBuilder more) {
        RestApi.Reply created = api.as("carol").post("/applications", more.add("name", name).add("status", "active")
                .add("gateways", Json.createArrayBuilder().add("gw-paris"))
                .add("networks", Json.createArrayBuilder().add(client + "/32"))
                .add("allowedSenders", Json.createArrayBuilder().add(sender)).build());
        assertEquals(201, created.status(), String.valueOf(created.body()));
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String jdbcUrl() {
        return TestSettings.get("it.db.url") + "/" + database;
    }

    private static void greetAndQuit(String client) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, server.smtpPort())) {
            assertTrue(smtp.greeting().startsWith("220 "), client + ": " + smtp.greeting());
            smtp.send("QUIT");
        }
    }

    private static long alerts(String action, String subject) {
        String kind = action.equals("rate.limit") || action.equals("rate.anomaly") ? "messages " : "connections ";
        return api.as("oscar").get("/audit?action=" + action + "&target=" + encode(kind + subject)).array().size();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long occurrences(String text, String part) {
        long count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void await(Supplier<Boolean> condition, Duration timeout, String what) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no " + what + " within " + timeout + ":\n" + server.logTail());
            }
            Thread.sleep(250);
        }
    }
}
