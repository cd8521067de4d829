package org.passerelle.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;

class StalenessTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final Staleness ninetyDays = new Staleness(90);

    private static SenderApplication application(Instant created, String... networks) {
        return new SenderApplication("billing", SenderApplication.Status.ACTIVE, List.of(networks).stream().map(NetworkRange::parse).toList(),
                List.of("billing@managed.test"), List.of("gw-paris"), "finance", null, null, List.of(), List.of(), created, null);
    }

    @Test
    void anApplicationThatSentWithinThePeriodIsNotStale() {
        Optional<StaleFinding> found = ninetyDays.of(application(Instant.parse("2025-01-01T00:00:00Z"), "10.20.0.0/24"),
                Map.of("10.20.0.0/24", NOW.minusSeconds(89L * 86400)), NOW);

        assertTrue(found.isEmpty());
    }

    @Test
    void anApplicationSilentForLongerThanThePeriodIsStaleWithAllItsNetworks() {
        Instant last = NOW.minusSeconds(91L * 86400);
        StaleFinding found = ninetyDays.of(application(Instant.parse("2025-01-01T00:00:00Z"), "10.20.0.0/24", "10.21.0.0/24"),
                Map.of("10.20.0.0/24", last), NOW).orElseThrow();

        assertTrue(found.wholeApplication());
        assertEquals(List.of("10.20.0.0/24", "10.21.0.0/24"), found.staleNetworks());
        assertEquals(List.of(), found.keptNetworks());
        assertEquals(last, found.lastUsed());
    }

    @Test
    void neverUsedCountsFromTheCreation() {
        assertTrue(ninetyDays.of(application(NOW.minusSeconds(30L * 86400), "10.20.0.0/24"), Map.of(), NOW).isEmpty(),
                "a new application has its period to start sending");
        StaleFinding old = ninetyDays.of(application(NOW.minusSeconds(120L * 86400), "10.20.0.0/24"), Map.of(), NOW).orElseThrow();
        assertTrue(old.wholeApplication());
        assertNull(old.lastUsed());
    }

    @Test
    void neverUsedWithoutACreationDateIsStale() {
        assertTrue(ninetyDays.of(application(null, "10.20.0.0/24"), Map.of(), NOW).orElseThrow().wholeApplication());
    }

    @Test
    void aNetworkNothingCameFromIsStaleWhileTheApplicationKeepsTheOthers() {
        StaleFinding found = ninetyDays.of(application(Instant.parse("2025-01-01T00:00:00Z"), "10.20.0.0/24", "10.21.0.0/24", "2001:db8:20::/56"),
                Map.of("10.20.0.0/24", NOW.minusSeconds(3600), "10.21.0.0/24", NOW.minusSeconds(200L * 86400)), NOW).orElseThrow();

        assertFalse(found.wholeApplication());
        assertEquals(List.of("10.21.0.0/24", "2001:db8:20::/56"), found.staleNetworks());
        assertEquals(List.of("10.20.0.0/24"), found.keptNetworks());
    }
}
