package org.passerelle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.passerelle.metrics.GatewayMetrics.DeliveryOutcome;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.smtp.Verdict;

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
    void countsAcceptedMessagesByApplicationAndNoneForOthers() {
        metrics.accepted("relay", "billing");
        metrics.accepted("submission", null);
        assertEquals(1, count("passerelle.smtp.accepted", "listener", "relay", "application", "billing"));
        assertEquals(1, count("passerelle.smtp.accepted", "listener", "submission", "application", "none"));
    }

    @Test
    void recordsTheLatencyOfEachDeliveryInItsBucket() {
        metrics.delivered(Duration.ofMillis(300));
        metrics.delivered(Duration.ofMinutes(20));
        metrics.delivery(DeliveryOutcome.DEFERRED);
        assertEquals(2, count("passerelle.deliveries", "outcome", "delivered"));
        assertEquals(1, count("passerelle.deliveries", "outcome", "deferred"));
        CountAtBucket[] buckets = registry.get("passerelle.delivery.latency").timer().takeSnapshot().histogramCounts();
        assertEquals(1, bucket(buckets, Duration.ofMillis(500)), Arrays.toString(buckets));
        assertEquals(1, bucket(buckets, Duration.ofMinutes(15)), "cumulative: the 300 ms one only");
        assertEquals(2, bucket(buckets, Duration.ofHours(1)));
    }

    private static double bucket(CountAtBucket[] buckets, Duration bound) {
        return Arrays.stream(buckets).filter(b -> b.bucket() == bound.toNanos()).findFirst().orElseThrow().count();
    }
}
