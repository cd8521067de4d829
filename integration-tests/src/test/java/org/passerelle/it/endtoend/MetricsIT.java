package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics as an operator's Prometheus sees them: a real Prometheus, started here with a scrape
 * configuration written here, scrapes the server's management interface ({@code /metrics}) every
 * second, and the tests read the series back through its query API.
 */
@ExtendWith(Passerelle.Extension.class)
class MetricsIT {

    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static Prometheus prometheus;

    private final Passerelle passerelle;
    private final String hop = "[127.0.0.1]:" + TestSettings.get("e2e.sink.port");
    private final String batch = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + "@billing.managed.test";

    MetricsIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @BeforeAll
    static void startPrometheus(Passerelle passerelle) {
        prometheus = new Prometheus(9090 + TestSettings.port("e2e.port.offset"), TestSettings.path("work.dir").resolve("prometheus"));
        prometheus.start(passerelle.server.management("").getAuthority(), "/metrics");
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
    }

    private static double now(String query) {
        return prometheus.value(query).orElse(0.0);
    }

    private RestApi.Reply post(String path) {
        return passerelle.api.post(path, Json.createObjectBuilder().build());
    }

    /** Messages in that state, as the server's database has them now. */
    private static long inDatabase(String state) {
        try (Connection db = DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
             PreparedStatement count = db.prepareStatement("select count(*) from message where state = ?")) {
            count.setString(1, state);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theQueueGaugesFollowMessagesWaitingForAPausedNextHopHeldAndDeleted() {
        String queued = "passerelle_queue_messages{state=\"queued\"}";
        String held = "passerelle_queue_messages{state=\"held\"}";
        String pausePath = "/queue/next-hops/" + URLEncoder.encode(hop, StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(200, post(pausePath + "/pause").status());
        try {
            for (int i = 0; i < 3; i++) {
                Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", batch, "--to", "waiting@external.test");
                assertEquals(0, sent.exitCode(), sent.text());
            }
            // what Prometheus read is what the database holds: the three waiting at least (other
            // tests' messages may come and go meanwhile; Prometheus lags them by a scrape)
            prometheus.await(queued, value -> value >= 3 && value == inDatabase("QUEUED"), SCRAPED);
            assertTrue(prometheus.await("passerelle_queue_oldest_age_seconds", value -> value > 0, SCRAPED) > 0);

            String bySender = "?sender=" + URLEncoder.encode(batch, StandardCharsets.UTF_8);
            long heldBefore = inDatabase("HELD");
            assertEquals(3, post("/queue/actions/hold" + bySender).object().getInt("applied"));
            prometheus.await(held, value -> value == heldBefore + 3, SCRAPED);
            assertEquals(3, post("/queue/actions/delete" + bySender).object().getInt("applied"));
            prometheus.await(held, value -> value == heldBefore, SCRAPED);
        } finally {
            assertEquals(200, post(pausePath + "/resume").status());
        }
    }

    @Test
    void sessionsRefusalsAndDeliveriesAreCountedWithoutAnAddressInAnyLabel() {
        String accepted = "passerelle_smtp_accepted_total{listener=\"relay\",application=\"billing\"}";
        String refused = "passerelle_smtp_refused_total{listener=\"relay\",stage=\"rcpt\",outcome=\"rejected\",reason=\"5.7.1\"}";
        String delivered = "passerelle_deliveries_total{outcome=\"delivered\"}";
        String latency = "passerelle_delivery_latency_seconds_count";
        String connections = "passerelle_smtp_connections_total{listener=\"relay\",outcome=\"accepted\"}";
        double acceptedBefore = now(accepted);
        double refusedBefore = now(refused);
        double deliveredBefore = now(delivered);
        double latencyBefore = now(latency);
        double connectionsBefore = now(connections);

        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", "billing@managed.test", "--to", "counted@external.test");
        assertEquals(0, sent.exitCode(), sent.text());
        passerelle.api.awaitState(sent.queueId(), "DELIVERED", Duration.ofSeconds(30));
        Swaks.Transcript denied = Swaks.send(passerelle.server.smtpPort(), "--local-interface", "127.0.0.2",
                "--from", "someone@external.test", "--to", "someone@elsewhere.test");
        assertTrue(denied.hasReply("554 5.7.1"), denied.text());

        prometheus.await(accepted, value -> value >= acceptedBefore + 1, SCRAPED);
        prometheus.await(refused, value -> value >= refusedBefore + 1, SCRAPED);
        prometheus.await(delivered, value -> value >= deliveredBefore + 1, SCRAPED);
        prometheus.await(latency, value -> value >= latencyBefore + 1, SCRAPED);
        prometheus.await(connections, value -> value >= connectionsBefore + 2, SCRAPED);
        assertTrue(now("passerelle_delivered_within_total{le=\"+Inf\"}") >= 1, "a histogram, with buckets");
        double median = now("histogram_quantile(0.5, sum by (le) (passerelle_delivered_within_total))");
        assertTrue(median > 0 && median <= 86400, "Prometheus reads the buckets as a histogram: median " + median);

        List<JsonObject> series = prometheus.series("{__name__=~\"passerelle_.+\"}");
        assertTrue(series.size() > 10, series.toString());
        for (JsonObject one : series) {
            one.getJsonObject("metric").forEach((label, value) ->
                    assertTrue(((JsonString) value).getString().indexOf('@') < 0, "an address in label " + label + ": " + one));
        }
    }

    @Test
    void metricsAreServedByTheManagementInterfaceOnlyNotTheApplicationsListeners() throws Exception {
        for (String path : List.of("/metrics", "/api/metrics", "/api/v1/metrics")) {
            HttpResponse<String> publicListener = passerelle.server.httpClient().send(
                    HttpRequest.newBuilder(passerelle.server.https(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(publicListener.statusCode() == 404 || publicListener.statusCode() == 401, path + " on the public HTTPS listener: "
                    + publicListener.statusCode());
            assertTrue(!publicListener.body().contains("passerelle_queue_messages"), path);
        }
        HttpResponse<String> scrape = passerelle.server.httpClient().send(
                HttpRequest.newBuilder(passerelle.server.management("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("# TYPE passerelle_queue_messages gauge"), scrape.body());
    }
}
