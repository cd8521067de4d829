package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;
import org.passerelle.policy.PolicyDecision;

class RateRulesTest {

    private static final Map<String, String> DEFAULTS = Map.of(
            "psl.rate.window-seconds", "3600", "psl.rate.alert-per-hour", "500", "psl.rate.block-per-hour", "2500",
            "psl.rate.application-alert-per-hour", "20000", "psl.rate.application-block-per-hour", "0",
            "psl.rate.exceptions", "192.0.2.0/24=5000/9000", "psl.rate.flush-seconds", "10",
            "psl.operations-address", "operations@managed.test");

    private final RateRules rules = new RateRules(RateSettings.read(DEFAULTS::get));

    private static SenderApplication application(String name, Integer rateLimit) {
        return new SenderApplication(name, SenderApplication.Status.ACTIVE, List.of(NetworkRange.parse("10.1.0.0/24")),
                List.of("@managed.test"), List.of("gw-paris"), "finance", rateLimit, null, List.of(), List.of(), null, null);
    }

    private static InetAddress address(String text) {
        return NetworkRange.address(text);
    }

    @Test
    void aClientAboveTheBlockThresholdGets421UntilItsRateFallsBack() {
        Thresholds thresholds = rules.thresholdsOf(address("198.51.100.7"), Optional.empty());
        assertTrue(rules.connect("198.51.100.7", thresholds, 2500).accepted(), "at the threshold, still let in");
        PolicyDecision blocked = rules.connect("198.51.100.7", thresholds, 2501);
        assertEquals(421, blocked.verdict().code());
        assertEquals("4.7.0", blocked.verdict().status());
        assertTrue(blocked.verdict().text().contains("2501 in the last hour, limit 2500"), blocked.verdict().text());
        assertTrue(rules.connect("198.51.100.7", thresholds, 40).accepted(), "let in again once the rate fell");
    }

    @Test
    void anExceptionNetworkHasItsOwnThresholdsBeforeThoseOfApplications() {
        Thresholds exception = rules.thresholdsOf(address("192.0.2.9"), Optional.of(application("billing", null)));
        assertEquals(9000, exception.block());
        assertEquals("exception 192.0.2.0/24", exception.source());
        assertTrue(rules.connect("192.0.2.9", exception, 8000).accepted());
        assertFalse(rules.connect("192.0.2.9", exception, 9001).accepted());
    }

    @Test
    void applicationClientsAreNeverBlockedByDefaultButAlerted() {
        Thresholds app = rules.thresholdsOf(address("10.1.0.5"), Optional.of(application("billing", null)));
        assertTrue(rules.connect("10.1.0.5", app, 1_000_000).accepted());
        assertTrue(app.alerts(20001));
        assertEquals("application billing", app.source());
    }

    @Test
    void anApplicationAtItsRateLimitIsDeferredWith452NamingTheLimit() {
        Optional<SenderApplication> billing = Optional.of(application("billing", 100));
        assertTrue(rules.mail(billing, 99, true).accepted());
        PolicyDecision over = rules.mail(billing, 100, true);
        assertEquals(452, over.verdict().code());
        assertEquals("4.7.1", over.verdict().status());
        assertTrue(over.verdict().text().contains("rate limit of 100 messages per hour"), over.verdict().text());
    }

    @Test
    void applicationsWithoutALimitAndOtherClientsPassMail() {
        assertTrue(rules.mail(Optional.of(application("billing", null)), 1_000_000, true).accepted());
        assertTrue(rules.mail(Optional.empty(), 0, true).accepted());
    }

    @Test
    void countsThatCouldNotBeReadDeferEveryoneWith451NeverAcceptUnchecked() {
        PolicyDecision unchecked = rules.mail(Optional.empty(), 0, false);
        assertEquals(451, unchecked.verdict().code());
        assertEquals("4.3.0", unchecked.verdict().status());
        assertEquals(451, rules.mail(Optional.of(application("billing", 100)), 0, false).verdict().code());
    }
}
