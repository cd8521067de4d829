package org.passerelle.reporting;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts kept in memory by key until they are written: a client refused or connecting ten
 * thousand times a minute costs ten thousand additions, not ten thousand database writes. Each
 * addition and each key's removal is atomic ({@link ConcurrentHashMap#merge}), so that no count
 * added while the tally is drained is lost.
 */
public final class Tally<K> {

    private final ConcurrentHashMap<K, Long> counts = new ConcurrentHashMap<>();

    public void add(K key) {
        add(key, 1);
    }

    /** Adds an amount (bytes, say) rather than one. */
    public void add(K key, long amount) {
        counts.merge(key, amount, Long::sum);
    }

    /** What was counted for the key and not drained yet. */
    public long of(K key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Takes the counts out, to be written; those added meanwhile stay for the next time. */
    public Map<K, Long> drain() {
        Map<K, Long> drained = new HashMap<>();
        for (K key : counts.keySet()) {
            Long count = counts.remove(key);
            if (count != null && count > 0) {
                drained.merge(key, count, Long::sum);
            }
        }
        return drained;
    }

    /** Puts back counts that could not be written. */
    public void restore(Map<K, Long> unwritten) {
        unwritten.forEach(this::add);
    }
}
