package org.passerelle.greylist;

import java.time.Duration;
import java.time.Instant;

/**
 * Auto-allow: a client network whose triplets passed greylisting {@code passesNeeded} times skips
 * greylisting while it keeps sending. A pass counts at most once an hour, so that a burst of retries
 * from one queue run does not earn the trust that days of well-behaved retries do; a network unseen
 * for the confirmed lifetime starts again from nothing.
 */
public final class AutoAllow {

    static final Duration COUNTED_AT_MOST_EVERY = Duration.ofHours(1);

    private final int passesNeeded;
    private final Duration confirmedLifetime;

    /** @param passesNeeded 0: no network is ever auto-allowed */
    public AutoAllow(int passesNeeded, Duration confirmedLifetime) {
        this.passesNeeded = passesNeeded;
        this.confirmedLifetime = confirmedLifetime;
    }

    /** @param kept {@code null} if nothing is kept of the network */
    public boolean allows(NetworkPasses kept, Instant now) {
        return passesNeeded > 0 && kept != null && kept.passes() >= passesNeeded && !lapsed(kept, now);
    }

    /** The network's passes after one more pass now. */
    public NetworkPasses afterPass(NetworkPasses kept, Instant now) {
        if (kept == null || lapsed(kept, now)) {
            return new NetworkPasses(1, now, now);
        }
        if (!now.isBefore(kept.lastCounted().plus(COUNTED_AT_MOST_EVERY))) {
            return new NetworkPasses(kept.passes() + 1, now, now);
        }
        return new NetworkPasses(kept.passes(), kept.lastCounted(), now);
    }

    private boolean lapsed(NetworkPasses kept, Instant now) {
        return !now.isBefore(kept.lastSeen().plus(confirmedLifetime));
    }
}
