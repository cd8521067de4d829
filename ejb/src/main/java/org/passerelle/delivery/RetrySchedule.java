package org.passerelle.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a deferred message is tried again, Postfix-style: the wait starts at the minimal back-off
 * and doubles with each attempt up to the maximal back-off; a message is never kept longer than the
 * maximal queue lifetime. The last attempt is made when the lifetime ends, so that no message is
 * given up early; after that it is expired.
 */
public record RetrySchedule(Duration minimalBackoff, Duration maximalBackoff, Duration maximalQueueLifetime) {

    public RetrySchedule {
        if (minimalBackoff.isNegative() || minimalBackoff.isZero() || maximalBackoff.compareTo(minimalBackoff) < 0) {
            throw new IllegalArgumentException("back-off must be positive and the maximal at least the minimal");
        }
        if (maximalQueueLifetime.isNegative()) {
            throw new IllegalArgumentException("the queue lifetime cannot be negative");
        }
    }

    /**
     * The wait before the next attempt of a message received at {@code receivedAt} that has now been
     * tried {@code attempts} times, or empty when its lifetime is over and it must be given up.
     */
    public Optional<Duration> nextDelay(int attempts, Instant receivedAt, Instant now) {
        Instant expiry = receivedAt.plus(maximalQueueLifetime);
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        Duration backoff = minimalBackoff;
        for (int i = 1; i < attempts && backoff.compareTo(maximalBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        Duration wait = backoff.compareTo(maximalBackoff) > 0 ? maximalBackoff : backoff;
        Duration untilExpiry = Duration.between(now, expiry);
        return Optional.of(wait.compareTo(untilExpiry) > 0 ? untilExpiry : wait);
    }
}
