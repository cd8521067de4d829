package org.passerelle.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The next-hop monitor's decision: a next hop is failing when its last attempt was deferred (a 4xx
 * reply or no connection), nothing it answered for good came after (delivered, or refused with a
 * 5xx: the hop works), and the first deferral since is at least the threshold old.
 */
public final class NextHopHealth {

    /**
     * What the recent attempts say of one next hop.
     *
     * @param lastAnswered its last attempt answered for good, or {@code null}
     * @param lastDeferred its last deferred attempt, or {@code null}
     * @param deferredSince the first deferred attempt after {@code lastAnswered} (or in the look-back), or {@code null}
     * @param lastReply the reply of the last deferred attempt
     */
    public record HopAttempts(String nextHop, Instant lastAnswered, Instant lastDeferred, Instant deferredSince, String lastReply) {

        boolean deferredLast() {
            return lastDeferred != null && (lastAnswered == null || lastDeferred.isAfter(lastAnswered));
        }
    }

    private NextHopHealth() {
    }

    /** How far back the attempts are read: the threshold, and an hour more for hops retried rarely. */
    public static Duration lookBack(Duration threshold) {
        return threshold.plusHours(1);
    }

    public static List<MonitorCondition> failing(List<HopAttempts> hops, Instant now, Duration threshold) {
        return hops.stream()
                .filter(hop -> hop.deferredLast() && hop.deferredSince() != null && !hop.deferredSince().plus(threshold).isAfter(now))
                .map(hop -> {
                    long minutes = Duration.between(hop.deferredSince(), now).toMinutes();
                    return new MonitorCondition(Monitor.NEXT_HOP, hop.nextHop(), "Next hop " + hop.nextHop() + " failing for " + minutes + " min",
                            "Deliveries to next hop " + hop.nextHop() + " have been deferred since " + hop.deferredSince() + " (" + minutes
                                    + " minutes), none delivered since.\nLast attempt: " + hop.lastDeferred() + ", " + hop.lastReply()
                                    + "\nThe incident is resolved by itself when the hop takes a delivery again.");
                })
                .toList();
    }
}
