package org.passerelle.rate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.passerelle.reporting.Tally;

/**
 * One node's view of the rates: what it counted since its last flush, in memory, and the
 * cluster's sums of the sliding hour as read at that flush. A check adds the two: no database
 * round trip per connection or message, and another node's counts are seen one flush late.
 */
public final class RateCounts {

    private final Tally<RateKey> unflushed = new Tally<>();
    private volatile Map<RateKey, Long> cluster = Map.of();
    private volatile Instant readAt;

    /** @param readAt when the cluster's sums were last read, {@code null} for never */
    public RateCounts(Instant readAt) {
        this.readAt = readAt;
    }

    public void add(RateKey key) {
        unflushed.add(key);
    }

    /** The count of the sliding hour: the cluster's at the last read, and this node's since. */
    public long of(RateKey key) {
        return cluster.getOrDefault(key, 0L) + unflushed.of(key);
    }

    /** Takes this node's counts out, to be added to the database. */
    public Map<RateKey, Long> drain() {
        return unflushed.drain();
    }

    /** Puts back counts the database did not take; the next flush adds them. */
    public void restore(Map<RateKey, Long> unwritten) {
        unflushed.restore(unwritten);
    }

    /** The cluster's sums as just read, this node's drained counts included. */
    public void read(Map<RateKey, Long> sums, Instant at) {
        cluster = Map.copyOf(sums);
        readAt = at;
    }

    /** Whether the cluster's sums were read within {@code maxAge}: if not, the counts are unchecked. */
    public boolean recent(Instant now, Duration maxAge) {
        Instant last = readAt;
        return last != null && !now.isAfter(last.plus(maxAge));
    }
}
