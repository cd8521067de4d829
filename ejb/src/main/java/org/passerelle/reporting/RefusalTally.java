package org.passerelle.reporting;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.passerelle.smtp.SmtpStage;

/**
 * Refusals counted in memory by day and stage until they are written: a client refused ten
 * thousand times a minute costs ten thousand additions, not ten thousand database writes.
 */
public final class RefusalTally {

    /** One day's refusals at one stage. */
    public record Key(LocalDate day, SmtpStage stage) {
    }

    private final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(LocalDate day, SmtpStage stage) {
        counts.computeIfAbsent(new Key(day, stage), key -> new LongAdder()).increment();
    }

    /** Takes the counts out, to be written; those added meanwhile stay for the next time. */
    public Map<Key, Long> drain() {
        Map<Key, Long> drained = new HashMap<>();
        for (Key key : counts.keySet()) {
            LongAdder adder = counts.remove(key);
            if (adder != null && adder.sum() > 0) {
                drained.merge(key, adder.sum(), Long::sum);
            }
        }
        return drained;
    }

    /** Puts back counts that could not be written. */
    public void restore(Map<Key, Long> unwritten) {
        unwritten.forEach((key, count) -> counts.computeIfAbsent(key, k -> new LongAdder()).add(count));
    }
}
