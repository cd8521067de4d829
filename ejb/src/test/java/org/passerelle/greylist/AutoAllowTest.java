package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AutoAllowTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final AutoAllow autoAllow = new AutoAllow(3, Duration.ofDays(15));

    @Test
    void passesWithinAnHourCountOnce() {
        NetworkPasses kept = autoAllow.afterPass(null, T0);
        kept = autoAllow.afterPass(kept, T0.plusSeconds(60));
        kept = autoAllow.afterPass(kept, T0.plusSeconds(3599));
        assertEquals(1, kept.passes());
        assertEquals(T0.plusSeconds(3599), kept.lastSeen());
        assertEquals(2, autoAllow.afterPass(kept, T0.plusSeconds(3600)).passes());
    }

    @Test
    void aNetworkIsAllowedOnceItHasPassedTheNeededTimesAnHourApart() {
        NetworkPasses kept = null;
        for (int hour = 0; hour < 2; hour++) {
            kept = autoAllow.afterPass(kept, T0.plus(Duration.ofHours(hour)));
        }
        assertFalse(autoAllow.allows(kept, T0.plus(Duration.ofHours(2))));
        kept = autoAllow.afterPass(kept, T0.plus(Duration.ofHours(2)));
        assertTrue(autoAllow.allows(kept, T0.plus(Duration.ofHours(2))));
    }

    @Test
    void anAllowedNetworkSilentForTheConfirmedLifetimeStartsAgainFromNothing() {
        NetworkPasses allowed = new NetworkPasses(5, T0, T0);
        assertTrue(autoAllow.allows(allowed, T0.plus(Duration.ofDays(15)).minusSeconds(1)));
        assertFalse(autoAllow.allows(allowed, T0.plus(Duration.ofDays(15))));
        assertEquals(1, autoAllow.afterPass(allowed, T0.plus(Duration.ofDays(16))).passes());
    }

    @Test
    void zeroPassesNeededMeansNoNetworkIsEverAllowed() {
        assertFalse(new AutoAllow(0, Duration.ofDays(15)).allows(new NetworkPasses(100, T0, T0), T0));
    }
}
