package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue while the next hop is down: back-off, expiry after the queue lifetime, holding after
 * crashed attempts, and what operators do through {@code /api/v1/queue}, each change audited.
 */
@ExtendWith(Passerelle.Extension.class)
class QueueIT {

    private final Passerelle passerelle;
    private final String hop = "[127.0.0.1]:" + TestSettings.get("e2e.sink.port");
    private final String batch = "queue-" + UUID.randomUUID().toString().substring(0, 8) + "@billing.managed.test";

    QueueIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @BeforeEach
    void nextHopDown() {
        passerelle.sink.stop();
    }

    @AfterEach
    void nextHopUp() {
        passerelle.sink.start();
    }

    private String send(String subject) {
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", batch, "--to", "someone@external.test",
                "--header", "Subject: " + subject);
        assertEquals(0, sent.exitCode(), sent.text());
        return sent.queueId();
    }

    private JsonObject awaitAttempts(String queueId, int attempts, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject message = passerelle.api.message(queueId);
        while (message.getInt("attempts") < attempts && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
            message = passerelle.api.message(queueId);
        }
        assertTrue(message.getInt("attempts") >= attempts, message.toString());
        return message;
    }

    private RestApi.Reply post(String path) {
        return passerelle.api.post(path, Json.createObjectBuilder().build());
    }

    @Test
    void retriesWithADoublingBackoffAndDeliversWhenTheNextHopReturns() {
        String queueId = send("back-off");
        JsonArray history = awaitAttempts(queueId, 4, Duration.ofSeconds(40)).getJsonArray("history");
        List<Instant> tries = history.stream().map(a -> Instant.parse(a.asJsonObject().getString("attemptedAt"))).toList();
        // the test server backs off 2 s, then 4 s, then 8 s (its maximum)
        long[] waits = {Duration.between(tries.get(0), tries.get(1)).toMillis(), Duration.between(tries.get(1), tries.get(2)).toMillis(),
                Duration.between(tries.get(2), tries.get(3)).toMillis()};
        assertTrue(waits[0] >= 1900 && waits[0] < 3900, "first wait " + waits[0]);
        assertTrue(waits[1] >= 3900 && waits[1] < 5900, "second wait " + waits[1]);
        assertTrue(waits[2] >= 7900 && waits[2] < 9900, "third wait " + waits[2]);
        assertEquals("DEFERRED", passerelle.api.message(queueId).getString("state"), "not bounced while its lifetime lasts");

        passerelle.sink.start();
        assertEquals(204, post("/queue/" + queueId + "/retry").status());
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(20));
    }

    @Test
    void aMessageExpiresWhenItsQueueLifetimeEnds() {
        String queueId = send("expiring");
        JsonObject bounced = passerelle.api.awaitState(queueId, "BOUNCED", Passerelle.QUEUE_LIFETIME.plusSeconds(30));
        Duration kept = Duration.between(Instant.parse(bounced.getString("receivedAt")), Instant.parse(bounced.getString("stateChangedAt")));
        assertTrue(kept.compareTo(Passerelle.QUEUE_LIFETIME) >= 0, "given up after " + kept);
        JsonObject recipient = bounced.getJsonArray("recipients").getJsonObject(0);
        assertEquals("FAILED", recipient.getString("state"));
        assertTrue(recipient.getString("lastReply").contains("4.4.7 message expired"), recipient.toString());

        passerelle.sink.start();
        List<SmtpSink.Received> notices = passerelle.sink.awaitNoticesTo(batch, Duration.ofSeconds(30));
        assertEquals(1, notices.size(), "the sender hears once that the message expired");
        String report = notices.get(0).message();
        assertTrue(report.contains("Action: failed"), report);
        assertTrue(report.contains("Status: 4.4."), "the last temporary status is kept, as Postfix does: " + report);
        assertTrue(report.contains("Final-Recipient: rfc822; someone@external.test"), report);
    }

    @Test
    void anOperatorHoldsReleasesBouncesAndDeletesQueuedMessages() {
        String held = send("to hold");
        String bounced = send("to bounce");
        String deleted = send("to delete");
        awaitAttempts(deleted, 1, Duration.ofSeconds(20));
        RestApi.Reply listed = passerelle.api.get("/queue?sender=" + URLEncoder.encode(batch, StandardCharsets.UTF_8));
        assertEquals(List.of(held, bounced, deleted), listed.array().stream().map(m -> m.asJsonObject().getString("queueId")).toList());
        assertTrue(passerelle.api.text("/queue/" + held + "/headers").body().contains("Subject: to hold\r\n"));

        assertEquals(204, post("/queue/" + held + "/hold").status());
        assertEquals("HELD", passerelle.api.message(held).getString("state"));
        RestApi.Reply refused = post("/queue/" + held + "/retry");
        assertEquals(409, refused.status());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(204, post("/queue/" + held + "/release").status());
        assertEquals("DEFERRED", passerelle.api.message(held).getString("state"));

        assertEquals(204, post("/queue/" + bounced + "/bounce").status());
        JsonObject returned = passerelle.api.message(bounced);
        assertEquals("BOUNCED", returned.getString("state"));
        assertTrue(returned.getJsonArray("recipients").getJsonObject(0).getString("lastReply").startsWith("5.0.0 returned to the sender"));

        assertEquals(204, passerelle.api.delete("/queue/" + deleted).status());
        assertEquals("DELETED", passerelle.api.message(deleted).getString("state"));
        assertEquals(404, passerelle.api.text("/queue/" + deleted + "/headers").statusCode());

        List<String> audited = passerelle.api.get("/audit?limit=1000").array().stream().map(JsonObject.class::cast)
                .filter(e -> List.of(held, bounced, deleted).contains(e.getString("target")))
                .map(e -> e.getString("action") + " " + e.getString("target") + " by " + e.getString("actor"))
                .toList();
        String by = " by oscar";
        assertEquals(List.of("queue.delete " + deleted + by, "queue.bounce " + bounced + by, "queue.release " + held + by,
                "queue.hold " + held + by), audited, "newest first");
    }

    @Test
    void aPausedNextHopKeepsItsMessagesUntilResumed() {
        passerelle.sink.start();
        String path = "/queue/next-hops/" + URLEncoder.encode(hop, StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(200, post(path + "/pause").status());
        try {
            String queueId = send("paused");
            PasserelleServer.sleep(Duration.ofSeconds(3));
            JsonObject waiting = passerelle.api.message(queueId);
            assertEquals("QUEUED", waiting.getString("state"));
            assertEquals(0, waiting.getInt("attempts"), "a paused next hop is not tried");
        } finally {
            assertEquals(200, post(path + "/resume").status());
        }
        String queueId = passerelle.api.get("/messages?sender=" + URLEncoder.encode(batch, StandardCharsets.UTF_8)).array()
                .getJsonObject(0).getString("queueId");
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(20));
        assertTrue(passerelle.api.get("/audit?action=next-hop.pause&target=" + URLEncoder.encode(hop, StandardCharsets.UTF_8)).array().size() >= 1);
    }

    @Test
    void operationsFindTheWaitingMessagesOfOneRecipientOrOneDomain() {
        String domain = "find-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String[] queueIds = new String[2];
        int n = 0;
        for (String recipient : List.of("Ann.Person@" + domain, "bob@" + domain)) {
            Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", batch, "--to", recipient);
            assertEquals(0, sent.exitCode(), sent.text());
            queueIds[n++] = sent.queueId();
        }
        RestApi.Reply ann = passerelle.api.as("audrey").get("/queue?recipient=" + URLEncoder.encode("ann.person@" + domain.toUpperCase(),
                StandardCharsets.UTF_8));
        assertEquals(List.of(queueIds[0]), ann.array().stream().map(m -> m.asJsonObject().getString("queueId")).toList(),
                "one person's mail, whatever the case of the address");
        assertEquals("1", ann.header("X-Total-Count"));
        RestApi.Reply both = passerelle.api.as("audrey").get("/queue?recipientDomain=" + domain);
        assertEquals(List.of(queueIds[0], queueIds[1]), both.array().stream().map(m -> m.asJsonObject().getString("queueId")).toList(),
                "the domain's mail, oldest first");
        assertEquals("2", both.header("X-Total-Count"));
        assertEquals("0", passerelle.api.as("audrey").get("/queue?recipient=nobody@" + domain).header("X-Total-Count"));
    }

    @Test
    void theQueuesShapeCountsWaitingMessagesByDestinationDomainAndAgeForOperationsOnly() {
        String domain = "shape-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        for (String recipient : List.of("a@" + domain, "b@" + domain)) {
            Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", batch, "--to", recipient);
            assertEquals(0, sent.exitCode(), sent.text());
        }
        // one message with two recipients there counts once
        Swaks.Transcript both = Swaks.send(passerelle.server.smtpPort(), "--from", batch, "--to", "c@" + domain + ",d@" + domain);
        assertEquals(0, both.exitCode(), both.text());

        JsonObject shape = passerelle.api.as("audrey").get("/queue/shape?domains=1000").object();
        assertEquals(List.of("0-5", "5-10", "10-20", "20-40", "40-80", "80-160", "160+"),
                shape.getJsonArray("bucketsMinutes").getValuesAs(JsonString::getString));
        JsonObject row = shape.getJsonArray("domains").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("domain").equals(domain)).findFirst().orElseThrow(() -> new AssertionError(shape.toString()));
        assertEquals(3, row.getInt("total"), row.toString());
        assertEquals(3, row.getJsonArray("byAge").getJsonNumber(0).intValue(), "all three are younger than five minutes: " + row);
        assertTrue(shape.getJsonObject("total").getInt("total") >= 3, shape.toString());

        assertEquals(403, passerelle.api.as("alice").get("/queue/shape").status(), "a manager does not see the whole queue");
        RestApi.Reply refused = passerelle.api.get("/queue/shape?domains=0");
        assertEquals(400, refused.status());
        assertEquals("domains", refused.object().getString("field"));
    }

    /** Runs one statement about one message on the server's database, as an operator with psql would. */
    private static int sql(String statement, String queueId) throws Exception {
        try (Connection db = DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
             PreparedStatement update = db.prepareStatement(statement)) {
            update.setString(1, queueId);
            return update.executeUpdate();
        }
    }

    private List<Instant> attemptTimes(String queueId) {
        return passerelle.api.message(queueId).getJsonArray("history").stream()
                .map(a -> Instant.parse(a.asJsonObject().getString("attemptedAt"))).toList();
    }

    @Test
    void anOperatorRetryGivesOneAttemptNowAndTheBackOffGoesOnFromItOnce() {
        String queueId = send("retried");
        awaitAttempts(queueId, 2, Duration.ofSeconds(20));
        // due again 4 s after the second attempt; the retry makes it due now instead, once
        Instant retried = Instant.now();
        assertEquals(204, post("/queue/" + queueId + "/retry").status());
        assertOneAttemptNowThenTheBackOff(queueId, retried);
    }

    @Test
    void aBulkRetryMakesEveryMessageSelectedDueNowOnce() {
        String first = send("retried in bulk");
        String second = send("retried in bulk too");
        awaitAttempts(first, 2, Duration.ofSeconds(20));
        awaitAttempts(second, 2, Duration.ofSeconds(20));
        Instant now = Instant.now();
        RestApi.Reply retried = post("/queue/actions/retry?sender=" + URLEncoder.encode(batch, StandardCharsets.UTF_8));
        assertEquals(2, retried.object().getInt("applied"));
        assertOneAttemptNowThenTheBackOff(first, now);
        List<Instant> tries = attemptTimes(second);
        assertTrue(tries.size() >= 3 && tries.get(2).isBefore(now.plusSeconds(2)), "both were made due at once: " + tries);
        List<String> audited = passerelle.api.get("/audit?action=queue.retry&limit=100").array().stream().map(JsonObject.class::cast)
                .filter(e -> List.of(first, second).contains(e.getString("target")))
                .map(e -> e.getString("target") + " by " + e.getString("actor") + ": " + e.getString("after"))
                .toList();
        assertEquals(List.of(second + " by oscar: state=DEFERRED due now", first + " by oscar: state=DEFERRED due now"), audited,
                "one entry each, newest first");
    }

    private void assertOneAttemptNowThenTheBackOff(String queueId, Instant retried) {
        awaitAttempts(queueId, 3, Duration.ofSeconds(5));
        List<Instant> tries = attemptTimes(queueId);
        assertTrue(tries.get(2).isBefore(retried.plusSeconds(2)), "tried at once, not 4 s after the second attempt: " + tries);
        PasserelleServer.sleep(Duration.between(Instant.now(), tries.get(2).plusSeconds(7)));
        assertEquals(3, attemptTimes(queueId).size(), "no second chain: nothing between the retry and its back-off of 8 s");
        awaitAttempts(queueId, 4, Duration.ofSeconds(6));
        List<Instant> after = attemptTimes(queueId);
        long wait = Duration.between(after.get(2), after.get(3)).toMillis();
        assertTrue(wait >= 7900 && wait < 9900, "the back-off after the retried attempt: " + wait);
    }

    @Test
    void theDatabaseAloneDecidesWhenAMessageIsDue() throws Exception {
        String queueId = send("due by the database");
        awaitAttempts(queueId, 1, Duration.ofSeconds(20));
        assertEquals(1, sql("update message set next_attempt_at = current_timestamp + interval '1' hour where queue_id = ?", queueId));
        passerelle.sink.start();
        PasserelleServer.sleep(Duration.ofSeconds(4));
        assertEquals(1, passerelle.api.message(queueId).getInt("attempts"), "not due: not tried, though the next hop is back");
        // no wake-up and no queue entry: the workers' scan of the database finds it
        assertEquals(1, sql("update message set next_attempt_at = current_timestamp where queue_id = ?", queueId));
        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(10));
    }

    @Test
    void aMessageWhoseDeliveryKeepsCrashingIsHeldWithItsError() throws Exception {
        String queueId = send("crashing");
        awaitAttempts(queueId, 1, Duration.ofSeconds(20));
        // a message whose stored content has vanished cannot be read: every attempt crashes
        assertEquals(1, sql("delete from message_content where queue_id = ?", queueId));
        assertEquals(204, post("/queue/" + queueId + "/retry").status());
        JsonObject held = passerelle.api.awaitState(queueId, "HELD", Duration.ofSeconds(30));
        assertTrue(held.getString("holdReason").startsWith("delivery crashed 3 times"), held.toString());
        assertTrue(held.getString("holdReason").contains("has no stored content"), held.toString());
    }
}
