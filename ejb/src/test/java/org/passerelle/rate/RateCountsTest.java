package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateCountsTest {

    private static final RateKey CLIENT = new RateKey(RateKind.CONNECTIONS, "198.51.100.7");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aCheckSeesTheClusterSumsAndThisNodesCountsSinceTheFlush() {
        RateCounts counts = new RateCounts(null);
        counts.add(CLIENT);
        counts.add(CLIENT);
        assertEquals(Map.of(CLIENT, 2L), counts.drain());
        counts.read(Map.of(CLIENT, 40L), NOW);
        counts.add(CLIENT);
        assertEquals(41, counts.of(CLIENT));
    }

    @Test
    void countsTheDatabaseDidNotTakeAreKeptForTheNextFlush() {
        RateCounts counts = new RateCounts(null);
        counts.add(CLIENT);
        Map<RateKey, Long> drained = counts.drain();
        counts.add(CLIENT);
        counts.restore(drained);
        assertEquals(Map.of(CLIENT, 2L), counts.drain());
    }

    @Test
    void sumsNotReadForTooLongAreNoLongerACheck() {
        RateCounts counts = new RateCounts(null);
        assertFalse(counts.recent(NOW, Duration.ofSeconds(30)), "never read");
        counts.read(Map.of(), NOW);
        assertTrue(counts.recent(NOW.plusSeconds(30), Duration.ofSeconds(30)));
        assertFalse(counts.recent(NOW.plusSeconds(31), Duration.ofSeconds(30)));
    }
}
