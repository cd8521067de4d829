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
    void countsBeingWrittenStillCountUntilTheSumsAreReadBack() {
        RateCounts counts = new RateCounts(null);
        counts.read(Map.of(CLIENT, 40L), NOW);
        counts.add(CLIENT);
        counts.add(CLIENT);
        counts.drain();
        assertEquals(42, counts.of(CLIENT), "between the flush's write and its read");
        counts.read(Map.of(CLIENT, 42L), NOW.plusSeconds(10));
        assertEquals(42, counts.of(CLIENT), "the sums hold them now");
    }

    @Test
    void countsWrittenWhoseSumsWereNotReadStillCountAfterAFailedWrite() {
        RateCounts counts = new RateCounts(null);
        counts.add(CLIENT);
        counts.drain(); // written, then the read of the sums failed
        counts.add(CLIENT);
        counts.restore(counts.drain()); // the next write failed
        assertEquals(2, counts.of(CLIENT));
        assertEquals(Map.of(CLIENT, 1L), counts.drain(), "only the unwritten one is written again");
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
