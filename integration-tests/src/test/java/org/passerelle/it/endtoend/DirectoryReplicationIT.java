package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 17, the directory: a server of its own (ports and database derived from the end-to-end
 * ones) reads a syncrepl consumer ({@code PSL_LDAP_URL}) and writes its OpenLDAP provider
 * ({@code PSL_LDAP_WRITE_URL}), both private slapds ({@link SlapdPair}). A change made through the
 * API is written on the provider, read back at once, replicated, and relayed by; with the consumer
 * down, changes are still written and read back, while sessions are told to retry later.
 */
@TestMethodOrder(OrderAnnotation.class)
class DirectoryReplicationIT {

    private static final int SHIFT = 135;
    /** Long enough that the session right after a write falls within the copy that write caused to be read. */
    private static final Duration CACHE = Duration.ofSeconds(5);
    private static final String BILLING = "cn=billing,ou=applications,dc=passerelle,dc=test";

    private static SlapdPair directory;
    private static PasserelleServer server;
    private static RestApi carol;

    @BeforeAll
    static void start() throws Exception {
        int ldapPort = TestSettings.port("it.ldap.port");
        directory = SlapdPair.start(TestSettings.path("work.dir").resolve("replication-slapd"), ldapPort + 20, ldapPort + 21);
        server = RateWatchIT.server("replication-server", SHIFT, TestSettings.get("e2e.database") + "_replication", Map.of(
                "PSL_LDAP_URL", directory.consumerUrl(),
                "PSL_LDAP_WRITE_URL", directory.providerUrl(),
                // logins at the provider, so that the API is there while the consumer is down (docs/cluster.md)
                "PSL_LDAP_REALM_URL", directory.providerUrl(),
                "PSL_DIRECTORY_CACHE_SECONDS", String.valueOf(CACHE.toSeconds())));
        server.start();
        carol = new RestApi(server).as("carol");
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }

    @Test
    @Order(1)
    void aNetworkAddedThroughTheApiIsWrittenOnTheProviderReadBackReplicatedAndRelayedFrom() {
        String network = "127.0.0.61/32";
        String before = relayFrom("127.0.0.61", server.smtpPort());
        assertTrue(before.startsWith("550 5.7.1") && before.contains("registered application"), "not billing's yet: " + before);

        RestApi.Reply changed = addNetworkToBilling(carol, network);

        assertEquals(200, changed.status(), String.valueOf(changed.body()));
        assertTrue(networks(changed.object()).contains(network), "the answer is the entry as written: " + changed.body());
        assertTrue(networks(carol.get("/applications/billing").object()).contains(network), "read back at once");
        assertTrue(directory.onProvider(BILLING, "pslNetwork").contains(network), "written on the provider");
        Await.until(() -> directory.onConsumer(BILLING, "pslNetwork").contains(network), Duration.ofSeconds(10), "replicated to the consumer");
        PasserelleServer.sleep(CACHE.plusSeconds(1)); // the copy read after the write expired: the next comes from the consumer
        String relayed = relayFrom("127.0.0.61", server.smtpPort());
        assertTrue(relayed.startsWith("250"), "the consumer's copy has the network: " + relayed);
    }

    @Test
    @Order(2)
    void withTheConsumerDownChangesAreWrittenAndReadBackWhileSessionsAreToldToRetry() throws Exception {
        String network = "127.0.0.62/32";
        directory.stopConsumer();
        try {
            RestApi.Reply changed = addNetworkToBilling(carol, network);

            assertEquals(200, changed.status(), String.valueOf(changed.body()));
            assertTrue(networks(carol.get("/applications/billing").object()).contains(network), "read back from the provider");
            String first = relayFrom("127.0.0.62", server.smtpPort());
            assertTrue(first.startsWith("250"), "after its own write, this node reads the provider once: " + first);
            PasserelleServer.sleep(CACHE.plusSeconds(1));
            String deferred = relayFrom("127.0.0.62", server.smtpPort());
            assertTrue(deferred.startsWith("451 4.3.0"), "nothing is decided without the node's copy: " + deferred);
            assertEquals(503, readiness(), "not ready: a probe takes the node out");
        } finally {
            directory.startConsumer();
        }
        Await.until(() -> relayFrom("127.0.0.62", server.smtpPort()).startsWith("250"), Duration.ofSeconds(10), "relayed again from the restarted consumer");
        assertEquals(200, readiness());
    }

    /** Billing's networks with one more, through the API as the central service does it: read, change, replace with its ETag. */
    static RestApi.Reply addNetworkToBilling(RestApi carol, String network) {
        RestApi.Reply billing = carol.get("/applications/billing");
        assertEquals(200, billing.status(), String.valueOf(billing.body()));
        JsonObject changed = Json.createObjectBuilder(billing.object())
                .add("networks", Json.createArrayBuilder(billing.object().getJsonArray("networks")).add(network)).build();
        return carol.put("/applications/billing", changed, billing.header("ETag"));
    }

    private static List<String> networks(JsonObject application) {
        return application.getJsonArray("networks").getValuesAs(JsonString::getString);
    }

    /** The first refusal of a relay attempt as billing from that client, or the reply to its foreign recipient. */
    static String relayFrom(String client, int port) {
        try (SmtpDialogue smtp = SmtpDialogue.open(client, port)) {
            if (!smtp.greeting().startsWith("220")) {
                return smtp.greeting();
            }
            smtp.send("EHLO billing.corp.test");
            String mail = smtp.send("MAIL FROM:<billing@managed.test>");
            return mail.startsWith("250") ? smtp.send("RCPT TO:<customer@external.test>") : mail;
        }
    }

    private static int readiness() throws IOException, InterruptedException {
        return server.httpClient().send(HttpRequest.newBuilder(server.http("/api/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
