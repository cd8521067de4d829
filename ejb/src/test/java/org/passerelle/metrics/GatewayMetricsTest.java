package org.passerelle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.passerelle.metrics.GatewayMetrics.DeliveryOutcome;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;
import org.passerelle.tracking.SessionVerdict;

class GatewayMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void countsConnectionsByListenerAndWhetherTheyWereGreeted() {
        metrics.connection("relay", true);
        metrics.connection("relay", true);
        metrics.connection("relay", false);
        metrics.connection("submission", true);
        assertEquals(2, count("passerelle.smtp.connections", "listener", "relay", "outcome", "accepted"));
        assertEquals(1, count("passerelle.smtp.connections", "listener", "relay", "outcome", "refused"));
        assertEquals(1, count("passerelle.smtp.connections", "listener", "submission", "outcome", "accepted"));
    }

    @Test
    void labelsARefusalWithItsStageAndEnhancedStatusCodeNeverItsText() {
        metrics.refused("relay", SmtpStage.RCPT, Verdict.reject(554, "5.7.1", "<someone@example.org>: Relay access denied"));
        metrics.refused("relay", SmtpStage.RCPT, Verdict.tempFail(451, "4.7.1", "Greylisted"));
        metrics.refused("relay", SmtpStage.MAIL, Verdict.tempFail(421, null, "Too busy"));
        assertEquals(1, count("passerelle.smtp.refused", "stage", "rcpt", "outcome", "rejected", "reason", "5.7.1"));
        assertEquals(1, count("passerelle.smtp.refused", "stage", "rcpt", "outcome", "deferred", "reason", "4.7.1"));
        assertEquals(1, count("passerelle.smtp.refused", "stage", "mail", "outcome", "deferred", "reason", "421"));
        registry.getMeters().forEach(meter -> meter.getId().getTags().forEach(tag ->
                assertEquals(-1, tag.getValue().indexOf('@'), "an address in a label: " + meter.getId())));
    }

    @Test
    void countsEachContentCheckByItsResult() {
        metrics.contentCheck(new SessionVerdict("content", "virus", "554 5.7.0", "Virus found: Eicar-Test-Signature"));
        metrics.contentCheck(new SessionVerdict("content", "virus", "451 4.7.0", "clamd unavailable"));
        metrics.contentCheck(new SessionVerdict("content", "spam", "250", "score 6.1, tagged HIGH"));
        metrics.contentCheck(new SessionVerdict("content", "attachment", "250 quarantined", "attachment invoice.pdf.exe"));
        assertEquals(1, count("passerelle.content.checks", "check", "virus", "result", "rejected"));
        assertEquals(1, count("passerelle.content.checks", "check", "virus", "result", "deferred"));
        assertEquals(1, count("passerelle.content.checks", "check", "spam", "result", "passed"));
        assertEquals(1, count("passerelle.content.checks", "check", "attachment", "result", "quarantined"));
    }

    @Test
    void countsAcceptedMessagesByApplicationAndNoneForOthers() {
        metrics.accepted("relay", "billing");
        metrics.accepted("submission", null);
        assertEquals(1, count("passerelle.smtp.accepted", "listener", "relay", "application", "billing"));
        assertEquals(1, count("passerelle.smtp.accepted", "listener", "submission", "application", "none"));
    }

    @Test
    void recordsTheLatencyOfEachDeliveryInCumulativeBucketsAsPrometheusReadsAHistogram() {
        metrics.delivered(Duration.ofMillis(300));
        metrics.delivered(Duration.ofMinutes(20));
        metrics.delivery(DeliveryOutcome.DEFERRED);
        assertEquals(2, count("passerelle.deliveries", "outcome", "delivered"));
        assertEquals(1, count("passerelle.deliveries", "outcome", "deferred"));
        assertEquals(2, registry.get("passerelle.delivery.latency").timer().count());
        assertEquals(0, registry.find("passerelle.delivered.within").tag("le", "0.1").counters().size(), "none that fast");
        assertEquals(1, count("passerelle.delivered.within", "le", "0.5"));
        assertEquals(1, count("passerelle.delivered.within", "le", "900"), "cumulative: the 300 ms one only");
        assertEquals(2, count("passerelle.delivered.within", "le", "3600"));
        assertEquals(2, count("passerelle.delivered.within", "le", "+Inf"));
    }

    @Test
    void latencyBucketsAreLabelledInSecondsAsPrometheusWritesThem() {
        assertEquals(List.of("0.1", "0.5", "1", "5", "30", "60", "300", "900", "3600", "14400", "86400"),
                LatencyBuckets.BOUNDS.stream().map(LatencyBuckets::label).toList());
        assertEquals(List.of("86400", "+Inf"), LatencyBuckets.of(Duration.ofHours(5)));
        assertEquals(List.of("+Inf"), LatencyBuckets.of(Duration.ofDays(2)));
        assertEquals(12, LatencyBuckets.of(Duration.ZERO).size(), "an instant delivery is in every bucket");
    }
}
