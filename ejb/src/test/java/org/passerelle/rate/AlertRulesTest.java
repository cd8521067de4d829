package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final Thresholds DEFAULT = new Thresholds(500, 2500, "default");

    private static List<RateAlert> due(Map<RateKey, Long> counts, Integer rateLimit, List<Long> history) {
        return AlertRules.due(counts, subject -> subject.equals("198.51.100.99") ? Optional.empty() : Optional.of(DEFAULT),
                application -> Optional.ofNullable(rateLimit), application -> history);
    }

    private static RateKey client(String address) {
        return new RateKey(RateKind.CONNECTIONS, address);
    }

    @Test
    void aClientOverTheAlertThresholdRaisesAnAlertThatNamesTheBlockToCome() {
        List<RateAlert> alerts = due(Map.of(client("198.51.100.7"), 501L, client("198.51.100.8"), 500L), null, List.of());
        assertEquals(1, alerts.size());
        assertEquals(RateAlert.Level.ALERT, alerts.get(0).level());
        assertTrue(alerts.get(0).text().contains("it will be blocked above 2500"), alerts.get(0).text());
    }

    @Test
    void aClientOverTheBlockThresholdRaisesABlockAlertThatSaysItBlocks() {
        List<RateAlert> alerts = due(Map.of(client("198.51.100.7"), 2501L), null, List.of());
        assertEquals(List.of(RateAlert.Level.BLOCK), alerts.stream().map(RateAlert::level).toList());
        assertTrue(alerts.get(0).text().contains("its new connections are refused (421 4.7.0)"), alerts.get(0).text());
    }

    @Test
    void aClientWhoseThresholdsAreNotKnownYetRaisesNothing() {
        assertEquals(List.of(), due(Map.of(client("198.51.100.99"), 100_000L), null, List.of()));
    }

    @Test
    void anApplicationAtNinetyPercentOfItsLimitRaisesAnAlert() {
        RateKey billing = new RateKey(RateKind.MESSAGES, "billing");
        assertEquals(List.of(), due(Map.of(billing, 89L), 100, List.of()));
        List<RateAlert> alerts = due(Map.of(billing, 90L), 100, List.of());
        assertEquals(List.of(RateAlert.Level.LIMIT), alerts.stream().map(RateAlert::level).toList());
        assertTrue(alerts.get(0).text().contains("rate limit of 100 messages per hour"), alerts.get(0).text());
    }

    @Test
    void anApplicationThreeTimesAboveItsUsualHourRaisesAnAnomaly() {
        RateKey billing = new RateKey(RateKind.MESSAGES, "billing");
        List<RateAlert> alerts = due(Map.of(billing, 1000L), null, List.of(300L, 310L, 320L, 5000L));
        assertEquals(List.of(RateAlert.Level.ANOMALY), alerts.stream().map(RateAlert::level).toList());
        assertTrue(alerts.get(0).text().contains("its usual 315 for this hour"), alerts.get(0).text());
        assertEquals(List.of(), due(Map.of(billing, 900L), null, List.of(300L, 310L, 320L, 5000L)), "three times is usual");
    }

    @Test
    void deliveriesAreCountedButRaiseNothing() {
        assertEquals(List.of(), due(Map.of(new RateKey(RateKind.DELIVERIES, "billing"), 1_000_000L), 10, List.of()));
    }
}
