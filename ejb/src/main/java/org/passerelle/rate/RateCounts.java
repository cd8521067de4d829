package org.passerelle.rate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.passerelle.reporting.Tally;

/**
 * One node's view of the rates: what it counted since its last flush, in memory, and the
 * cluster's sums of the sliding hour as read at that flush. A check adds the two: no database
 * round trip per connection or message, and another node's counts are seen one flush late. Counts
 * drained for the database still count until the sums read back hold them: a message checked
 * while its application's counts are being written is not let through the limit.
 */
public final class RateCounts {

    private final Tally<RateKey> unflushed = new Tally<>();
    /** Guards {@code cluster} and {@code written}, which change together. */
    private final Object lock = new Object();
    private Map<RateKey, Long> cluster = Map.of();
    /** Drained for the database, not yet in the sums read back. */
    private final Map<RateKey, Long> written = new HashMap<>();
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
        synchronized (lock) {
            return cluster.getOrDefault(key, 0L) + written.getOrDefault(key, 0L) + unflushed.of(key);
        }
    }

    /** Takes this node's counts out, to be added to the database; they still count until {@link #read}. */
    public Map<RateKey, Long> drain() {
        synchronized (lock) {
            Map<RateKey, Long> drained = unflushed.drain();
            drained.forEach((key, count) -> written.merge(key, count, Long::sum));
            return drained;
        }
    }

    /** Puts back counts the database did not take; the next flush adds them. */
    public void restore(Map<RateKey, Long> unwritten) {
        synchronized (lock) {
            unwritten.forEach((key, count) -> written.computeIfPresent(key, (k, sum) -> sum - count > 0 ? sum - count : null));
            unflushed.restore(unwritten);
        }
    }

    /** The cluster's sums as just read, this node's drained counts included. */
    public void read(Map<RateKey, Long> sums, Instant at) {
        synchronized (lock) {
            cluster = Map.copyOf(sums);
            written.clear();
        }
        readAt = at;
    }

    /** Whether the cluster's sums were read within {@code maxAge}: if not, the counts are unchecked. */
    public boolean recent(Instant now, Duration maxAge) {
        Instant last = readAt;
        return last != null && !now.isAfter(last.plus(maxAge));
    }
}
