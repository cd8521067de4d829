package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17's shared broker: a node on {@code standalone-cluster.xml} uses the Artemis broker that
 * {@code cluster/broker.sh} runs, not an embedded one, and an operator's retry wakes its delivery
 * workers through it; with the broker down, the node stays ready, the retry still succeeds and the
 * message is still delivered (by the workers' scan of the database), and the node reconnects when
 * the broker is back. A server of its own, ports shifted from the end-to-end ones, its broker beside
 * its sink.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedBrokerIT {

    private static final int SHIFT = 115;

    private static Broker broker;
    private static SmtpSink sink;
    private static PasserelleServer server;
    private static RestApi api;

    @BeforeAll
    static void start() throws Exception {
        int sinkPort = TestSettings.port("e2e.sink.port") + SHIFT;
        // beside its sink: within the ports' range in every slot (61616 + the offset was not)
        broker = new Broker(TestSettings.path("work.dir").resolve("shared-broker"), sinkPort + 1);
        broker.start();
        sink = new SmtpSink(sinkPort, TestSettings.path("work.dir").resolve("shared-broker-sink"));
        sink.start();
        Map<String, String> settings = new HashMap<>(broker.nodeEnvironment());
        settings.put("PSL_NODE_ID", "broker-node-1");
        settings.put("PSL_SMART_HOST", "[127.0.0.1]:" + sinkPort);
        // a deferred message stays deferred unless an operator retries it
        settings.put("PSL_MINIMAL_BACKOFF_SECONDS", "3600");
        server = RateWatchIT.server("shared-broker-server", SHIFT, TestSettings.get("e2e.database") + "_broker", settings)
                .onConfiguration("standalone-cluster.xml");
        server.start();
        api = new RestApi(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (sink != null) {
            sink.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void readyWithTheSharedBrokerWhoseQueueTheNodeConsumes() throws Exception {
        Health ready = awaitReadiness(health -> health.status() == 200 && health.error("messaging") == null);
        assertEquals("UP", ready.checks().get("messaging"), ready.body().toString());
        assertTrue(broker.deliveryQueue().consumers() >= 1, "the node's wake-up MDB consumes the shared broker's queue");
        assertFalse(Files.exists(TestSettings.path("work.dir").resolve("shared-broker-server/data/activemq")),
                "no embedded broker, no journal of its own on the node");
    }

    @Test
    @Order(2)
    void relaysAMessageToTheNextHop() {
        String marker = "shared-broker-" + UUID.randomUUID();
        Swaks.Transcript sent = Swaks.send(server.smtpPort(), "--from", "broker@billing.managed.test", "--to", "someone@external.test",
                "--header", "Subject: " + marker);
        assertEquals(0, sent.exitCode(), sent.text());
        api.awaitState(sent.queueId(), "DELIVERED", Duration.ofSeconds(30));
        assertEquals(1, sink.messagesContaining(marker).size());
    }

    @Test
    @Order(3)
    void anOperatorRetryWakesTheWorkersThroughTheBroker() {
        String queueId = deferredMessage();
        long before = broker.deliveryQueue().messagesAdded();

        assertEquals(204, retry(queueId).status());

        api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
        Await.until(() -> broker.deliveryQueue().messagesAdded() > before, Duration.ofSeconds(20), "the retry's wake-up on the broker's queue", server::logTail);
    }

    @Test
    @Order(4)
    void withTheBrokerDownAnOperatorRetrySucceedsAndTheScanDelivers() throws Exception {
        String queueId = deferredMessage();
        broker.stop();
        try {
            // still ready: the node takes and delivers mail without the broker, so no balancer takes it out
            Health away = awaitReadiness(health -> health.error("messaging") != null);
            assertEquals(200, away.status(), away.body().toString());
            assertEquals("UP", away.checks().get("messaging"), away.body().toString());
            assertTrue(away.error("messaging").startsWith("the broker does not answer"), away.body().toString());

            Instant asked = Instant.now();
            RestApi.Reply retried = retry(queueId);
            assertEquals(204, retried.status(), "the retry is not refused nor rolled back for want of a wake-up: " + retried);
            Duration answered = Duration.between(asked, Instant.now());
            assertTrue(answered.compareTo(Duration.ofSeconds(10)) < 0, "the retry does not wait for the broker: " + answered);

            api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
            Await.until(() -> server.log().contains("no wake-up sent to the delivery queue"), Duration.ofSeconds(30),
                    "the lost wake-up logged", server::logTail);
            JsonObject audited = api.get("/audit?action=queue.retry&target=" + queueId).array().getJsonObject(0);
            assertEquals("oscar", audited.getString("actor"), audited.toString());
        } finally {
            broker.start();
        }

        // the node reconnects by itself, and a retry wakes it through the broker again
        Health back = awaitReadiness(health -> health.error("messaging") == null);
        assertEquals(200, back.status(), back.body().toString());
        Await.until(() -> broker.deliveryQueue().consumers() >= 1, Duration.ofSeconds(60), "the node's MDB consuming again", server::logTail);
        String again = deferredMessage();
        long before = broker.deliveryQueue().messagesAdded();
        assertEquals(204, retry(again).status());
        api.awaitState(again, "DELIVERED", Duration.ofSeconds(30));
        Await.until(() -> broker.deliveryQueue().messagesAdded() > before, Duration.ofSeconds(20), "a wake-up on the restarted broker", server::logTail);
    }

    /** A message whose first attempt failed (the next hop down), next tried in an hour. */
    private static String deferredMessage() {
        sink.stop();
        try {
            Swaks.Transcript sent = Swaks.send(server.smtpPort(), "--from", "broker@billing.managed.test", "--to", "someone@external.test",
                    "--header", "Subject: deferred " + UUID.randomUUID());
            assertEquals(0, sent.exitCode(), sent.text());
            String queueId = sent.queueId();
            api.awaitState(queueId, "DEFERRED", Duration.ofSeconds(30));
            return queueId;
        } finally {
            sink.start();
        }
    }

    private static RestApi.Reply retry(String queueId) {
        return api.post("/queue/" + queueId + "/retry", Json.createObjectBuilder().build());
    }

    private record Health(int status, JsonObject body) {
        /** Each check's status by its name. */
        Map<String, String> checks() {
            Map<String, String> checks = new HashMap<>();
            body.getJsonArray("checks").getValuesAs(JsonObject.class).forEach(c -> checks.put(c.getString("name"), c.getString("status")));
            return checks;
        }

        /** What the check says does not answer, null when all is well. */
        String error(String check) {
            return body.getJsonArray("checks").getValuesAs(JsonObject.class).stream().filter(c -> c.getString("name").equals(check))
                    .findFirst().map(c -> c.containsKey("data") ? c.getJsonObject("data").getString("error", null) : null).orElse(null);
        }
    }

    private static Health awaitReadiness(Predicate<Health> wanted) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        Health health = readiness();
        while (!wanted.test(health) && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(500));
            health = readiness();
        }
        assertTrue(wanted.test(health), "readiness not as awaited after 90 s: " + health.body());
        return health;
    }

    private static Health readiness() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.http("/api/health/ready")).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = server.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Health(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
    }
}
