package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.passerelle.testing.SteppingClock;

class ExpiringCacheTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final AtomicInteger lookups = new AtomicInteger();
    private final Function<String, Boolean> directory = address -> {
        lookups.incrementAndGet();
        return address.startsWith("dave@");
    };

    @Test
    void aRecipientAskedAgainWithinTheTimeToLiveCostsNoSecondLookup() {
        ExpiringCache<String, Boolean> cache = new ExpiringCache<>(Duration.ofSeconds(30), 100, clock);
        assertEquals(true, cache.get("dave@managed.test", directory));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(true, cache.get("dave@managed.test", directory));
        assertEquals(1, lookups.get());
    }

    @Test
    void anAnswerIsAskedAgainOnceItHasExpired() {
        ExpiringCache<String, Boolean> cache = new ExpiringCache<>(Duration.ofSeconds(30), 100, clock);
        cache.get("nobody@managed.test", directory);
        clock.advance(Duration.ofSeconds(30));
        cache.get("nobody@managed.test", directory);
        assertEquals(2, lookups.get());
    }

    @Test
    void aFailedLookupIsNotKept() {
        ExpiringCache<String, Boolean> cache = new ExpiringCache<>(Duration.ofSeconds(30), 100, clock);
        assertThrows(DirectoryUnavailableException.class, () -> cache.get("dave@managed.test", key -> {
            throw new DirectoryUnavailableException("down", "the directory cannot be reached", null);
        }));
        assertEquals(true, cache.get("dave@managed.test", directory));
        assertEquals(1, lookups.get());
    }

    @Test
    void probingManyAddressesCannotGrowItPastItsLimit() {
        ExpiringCache<String, Boolean> cache = new ExpiringCache<>(Duration.ofSeconds(30), 3, clock);
        for (int i = 0; i < 4; i++) {
            cache.get("probe" + i + "@managed.test", directory);
        }
        cache.get("probe0@managed.test", directory);
        assertEquals(5, lookups.get(), "the first answers were dropped when the limit was reached");
    }
}
