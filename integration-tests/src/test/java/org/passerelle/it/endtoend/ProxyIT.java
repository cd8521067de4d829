package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's load balancer: a real haproxy ({@code cluster/balancer.sh}) in front of a Passerelle
 * server of its own that trusts PROXY protocol headers from haproxy's source address only. The
 * relay policy still decides by the real client's address: a registered application relays, an
 * unregistered loopback client is refused, the {@code Received:} header names the client and not
 * haproxy, haproxy's SMTP checks mark the server up, and they count in no rate.
 */
class ProxyIT {

    /** The server's ports over the end-to-end ones; the balancer's a little higher. */
    private static final int SHIFT = 30;
    private static final int BALANCER_SHIFT = 35;

    private static SmtpSink sink;
    private static PasserelleServer server;
    private static Balancer balancer;
    private static RestApi api;

    @BeforeAll
    static void start() throws Exception {
        int sinkPort = TestSettings.port("e2e.sink.port") + SHIFT;
        sink = new SmtpSink(sinkPort, TestSettings.path("work.dir").resolve("proxy-sink"));
        sink.start();
        server = RateWatchIT.server("proxy-server", SHIFT, TestSettings.get("e2e.database") + "_proxy", Map.of(
                "PSL_SMTP_PROXY_NETWORKS", Balancer.SOURCE + "/32",
                "PSL_SMART_HOST", "[127.0.0.1]:" + sinkPort,
                "PSL_GREYLIST_ENABLED", "false",
                "PSL_RATE_FLUSH_SECONDS", "1"));
        server.start();
        api = new RestApi(server);
        balancer = new Balancer(TestSettings.path("work.dir").resolve("proxy-balancer"),
                TestSettings.port("e2e.smtp.port") + BALANCER_SHIFT, TestSettings.port("e2e.submission.port") + BALANCER_SHIFT,
                TestSettings.port("e2e.submissions.port") + BALANCER_SHIFT, TestSettings.port("e2e.sink.port") + BALANCER_SHIFT);
        balancer.start(List.of(new Balancer.Node(server.smtpPort(), TestSettings.port("e2e.submission.port") + SHIFT,
                TestSettings.port("e2e.submissions.port") + SHIFT)));
    }

    @AfterAll
    static void stop() {
        if (balancer != null) {
            balancer.stop();
        }
        if (server != null) {
            server.stop();
        }
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    void aRegisteredApplicationRelaysThroughTheBalancerAndTheReceivedHeaderNamesIt() {
        balancer.awaitUp("relay", "node1", Duration.ofSeconds(30));
        String id = "proxy-" + UUID.randomUUID() + "@billing.managed.test";
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", balancer.relayPort())) {
            assertTrue(smtp.greeting().startsWith("220 rates.passerelle.test"), smtp.greeting());
            smtp.send("EHLO app.billing.corp.test");
            assertTrue(smtp.send("MAIL FROM:<billing@managed.test>").startsWith("250 "));
            String accepted = smtp.send("RCPT TO:<customer@external.test>");
            assertTrue(accepted.startsWith("250 "), "127.0.0.1 is billing's network: " + accepted);
            assertTrue(smtp.send("DATA").startsWith("354"));
            assertTrue(smtp.data("Message-Id: <" + id + ">\r\nSubject: through haproxy\r\n\r\nhello").startsWith("250 "));
        }

        String message = awaitMessage(id).message();
        assertTrue(message.contains("Received: from app.billing.corp.test ([127.0.0.1])"), message);
        assertFalse(message.contains(Balancer.SOURCE), "haproxy's address is nowhere in the message:\n" + message);
    }

    @Test
    void anUnregisteredClientIsRefusedThroughTheBalancerUnderItsOwnAddress() {
        balancer.awaitUp("relay", "node1", Duration.ofSeconds(30));
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.4", balancer.relayPort())) {
            smtp.send("EHLO stranger.example.test");
            assertTrue(smtp.send("MAIL FROM:<someone@external.test>").startsWith("250 "));
            assertEquals("554 5.7.1 <victim@elsewhere.test>: Relay access denied", smtp.send("RCPT TO:<victim@elsewhere.test>"));
        }
        assertTrue(server.log().lines().anyMatch(line -> line.contains("127.0.0.4") && line.contains("victim@elsewhere.test")),
                "the refusal is logged under the client's address:\n" + server.logTail());
    }

    @Test
    void haproxysChecksMarkTheServerUpOnEveryPortAndCountInNoRate() {
        for (String listener : List.of("relay", "submission", "submissions")) {
            balancer.awaitUp(listener, "node1", Duration.ofSeconds(30));
            assertEquals("UP L7OK 221", balancer.states(listener).get("node1"), "the check's whole dialogue, down to QUIT");
        }
        // a counted client, so that a flush has surely run since the checks began
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.46", balancer.relayPort())) {
            assertEquals("221 2.0.0 Bye", smtp.send("QUIT"));
        }
        Instant deadline = Instant.now().plusSeconds(20);
        Set<String> counted = connectionSubjects();
        while (!counted.contains("127.0.0.46") && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(500));
            counted = connectionSubjects();
        }
        assertTrue(counted.contains("127.0.0.46"), "the client behind haproxy is counted under its address: " + counted);
        assertFalse(counted.contains(Balancer.SOURCE), "haproxy's checks are no client: " + counted);
    }

    private static Set<String> connectionSubjects() {
        return api.as("audrey").get("/rates?kind=connections").array().stream().map(JsonObject.class::cast)
                .map(figure -> figure.getString("subject")).collect(Collectors.toSet());
    }

    private static SmtpSink.Received awaitMessage(String id) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<SmtpSink.Received> arrived = sink.messagesContaining(id);
        while (arrived.isEmpty() && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
            arrived = sink.messagesContaining(id);
        }
        assertEquals(1, arrived.size(), "the message arrives at the next hop once");
        return arrived.get(0);
    }
}
