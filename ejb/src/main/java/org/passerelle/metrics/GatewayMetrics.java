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
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;
import org.passerelle.tracking.SessionVerdict;

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

    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private MeterRegistry registry;
    private Timer latency;

    /** For CDI's proxy. */
    protected GatewayMetrics() {
    }

    @Inject
    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = registry.timer("passerelle.delivery.latency", Tags.empty());
    }

    /** A client connected to a listener; refused: the connect stage did not greet it with 220. */
    public void connection(String listener, boolean accepted) {
        counter("passerelle.smtp.connections", "listener", listener, "outcome", accepted ? "accepted" : "refused").increment();
    }

    /** A message accepted and queued (the 250 after DATA), by the application that sent it. */
    public void accepted(String listener, String application) {
        counter("passerelle.smtp.accepted", "listener", listener,
                "application", application == null ? NO_APPLICATION : application).increment();
    }

    /** A command refused at that stage (by the policy, the connector's limits, or an outage). */
    public void refused(String listener, SmtpStage stage, Verdict refusal) {
        counter("passerelle.smtp.refused", "listener", listener, "stage", stage.key(),
                "outcome", refusal.code() >= 500 ? "rejected" : "deferred",
                "reason", reason(refusal)).increment();
    }

    /** What one delivery attempt made of one recipient. */
    public void delivery(DeliveryOutcome outcome) {
        counter("passerelle.deliveries", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * A recipient delivered that long after its message was accepted: the timer's count, sum and
     * maximum, and the histogram's buckets ({@link LatencyBuckets}).
     */
    public void delivered(Duration sinceAccepted) {
        Duration took = sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted;
        delivery(DeliveryOutcome.DELIVERED);
        latency.record(took);
        for (String bucket : LatencyBuckets.of(took)) {
            counter("passerelle.delivered.within", "le", bucket).increment();
        }
    }

    public void greylist(GreylistOutcome outcome) {
        counter("passerelle.greylist", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * What a content check (virus, attachments, outbreak, spam: docs/content-checks.md) made of a
     * message, from the reply it recorded: passed, quarantined, rejected or deferred.
     */
    public void contentCheck(SessionVerdict check) {
        counter("passerelle.content.checks", "check", check.subject(), "result", contentResult(check.reply())).increment();
    }

    static String contentResult(String reply) {
        if (reply.startsWith("250")) {
            return reply.contains("quarantined") ? "quarantined" : "passed";
        }
        return reply.startsWith("5") ? "rejected" : "deferred";
    }

    /** A rate alert raised (alert, block, limit, anomaly): once per hour per subject and level. */
    public void rateAlert(String level) {
        counter("passerelle.rate.alerts", "level", level).increment();
    }

    /** The directory did not answer an operation (connect, search, read, bind, write). */
    public void directoryError(String operation) {
        counter("passerelle.directory.errors", "operation", operation).increment();
    }

    /** The database failed an operation (accept, record, figures). */
    public void databaseError(String operation) {
        counter("passerelle.database.errors", "operation", operation).increment();
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
     * Registered by {@code MeterRegistry.counter(name, tags)}: the registry WildFly gives a
     * deployment passes that call on to the registries it exports, but keeps to itself the meters
     * that builders register, and takes no histogram configuration (hence {@link LatencyBuckets}).
     */
    private Counter counter(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return counters.computeIfAbsent(key, k -> registry.counter(name, Tags.of(tags)));
    }
}
