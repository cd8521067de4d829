package org.passerelle.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

/**
 * The counters of the gateway, in the server's Micrometer registry, which the micrometer subsystem
 * serves to Prometheus (docs/operations.md). Labels name listeners, stages, reply status codes,
 * outcomes and application names: never an address, so that their number stays small. Each count is
 * an addition to a counter found by its name and labels in a map of this bean's, cheap enough for
 * every SMTP command (docs/operations.md).
 */
@ApplicationScoped
public class GatewayMetrics {

    /** What a delivery attempt made of a recipient, and a message's end after its queue lifetime. */
    public enum DeliveryOutcome { DELIVERED, DEFERRED, BOUNCED, EXPIRED }

    /** What greylisting made of a recipient. */
    public enum GreylistOutcome { GREYLISTED, PASSED_FIRST, PASSED, ALLOW_LISTED, AUTO_ALLOWED }

    /** The application label of mail from clients that are no registered application. */
    static final String NO_APPLICATION = "none";

    /**
     * The buckets of the delivery latency, accepted to delivered: from the loopback's sub-second to
     * the retries of a next hop down for hours.
     */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1)};

    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Timer latency;

    /** For CDI's proxy. */
    protected GatewayMetrics() {
    }

    @Inject
    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("passerelle.delivery.latency")
                .description("Time from a message's acceptance to the delivery of a recipient")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** A client connected to a listener; refused: the connect stage did not greet it with 220. */
    public void connection(String listener, boolean accepted) {
        counter("passerelle.smtp.connections", "SMTP connections by listener and whether they were greeted",
                "listener", listener, "outcome", accepted ? "accepted" : "refused").increment();
    }

    /** A message accepted and queued (the 250 after DATA), by the application that sent it. */
    public void accepted(String listener, String application) {
        counter("passerelle.smtp.accepted", "SMTP transactions whose message was accepted and queued",
                "listener", listener, "application", application == null ? NO_APPLICATION : application).increment();
    }

    /** A command refused at that stage (by the policy, the connector's limits, or an outage). */
    public void refused(String listener, SmtpStage stage, Verdict refusal) {
        counter("passerelle.smtp.refused", "SMTP commands refused, by stage and enhanced status code",
                "listener", listener, "stage", stage.key(), "outcome", refusal.code() >= 500 ? "rejected" : "deferred",
                "reason", reason(refusal)).increment();
    }

    /** What one delivery attempt made of one recipient. */
    public void delivery(DeliveryOutcome outcome) {
        counter("passerelle.deliveries", "Recipients' delivery attempts by outcome, and messages expired",
                "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** A recipient delivered that long after its message was accepted. */
    public void delivered(Duration sinceAccepted) {
        delivery(DeliveryOutcome.DELIVERED);
        latency.record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    public void greylist(GreylistOutcome outcome) {
        counter("passerelle.greylist", "Greylisting's answers for recipients",
                "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** A rate alert raised (alert, block, limit, anomaly): once per hour per subject and level. */
    public void rateAlert(String level) {
        counter("passerelle.rate.alerts", "Rate alerts raised, by level", "level", level).increment();
    }

    /** The directory did not answer an operation (connect, search, read, bind, write). */
    public void directoryError(String operation) {
        counter("passerelle.directory.errors", "Directory operations that failed", "operation", operation).increment();
    }

    /** The database failed an operation (accept, record, figures). */
    public void databaseError(String operation) {
        counter("passerelle.database.errors", "Database operations that failed", "operation", operation).increment();
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The reason label of a refusal: its enhanced status code (RFC 3463), else its reply code. */
    static String reason(Verdict refusal) {
        return refusal.status() == null || refusal.status().isEmpty() ? String.valueOf(refusal.code()) : refusal.status();
    }

    /**
     * The counter of that name and labels, registered the first time: the registry's own lookup
     * (sorting the labels, building the meter's id) costs about four times this map's, measured.
     */
    private Counter counter(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
