package org.passerelle.reporting;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts kept in memory by key until they are written: a client refused or connecting ten
 * thousand times a minute costs ten thousand additions, not ten thousand database writes.
 */
public final class Tally<K> {

    private final ConcurrentHashMap<K, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(K key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Adds an amount (bytes, say) rather than one. */
    public void add(K key, long amount) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(amount);
    }

    /** What was counted for the key and not drained yet. */
    public long of(K key) {
        LongAdder count = counts.get(key);
        return count == null ? 0 : count.sum();
    }

    /** Takes the counts out, to be written; those added meanwhile stay for the next time. */
    public Map<K, Long> drain() {
        Map<K, Long> drained = new HashMap<>();
        for (K key : counts.keySet()) {
            LongAdder adder = counts.remove(key);
            if (adder != null && adder.sum() > 0) {
                drained.merge(key, adder.sum(), Long::sum);
            }
        }
        return drained;
    }

    /** Puts back counts that could not be written. */
    public void restore(Map<K, Long> unwritten) {
        unwritten.forEach((key, count) -> counts.computeIfAbsent(key, k -> new LongAdder()).add(count));
    }
}
