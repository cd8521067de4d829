package org.passerelle.report;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The rollup figures of one delivery round, added up in memory so that the round writes one upsert
 * per application rather than one per recipient ({@link RollupTable#add}). Not thread-safe: one
 * round, one thread.
 */
public final class RollupBatch {

    private final LocalDate day;
    private final String site;
    private final Map<RollupKey, Long> counts = new HashMap<>();

    public RollupBatch(LocalDate day, String site) {
        this.day = day;
        this.site = site;
    }

    /** Counts for an application's message; messages of no application (people, notices) are not in the rollup. */
    public void count(String application, TrafficCounter counter, long amount) {
        if (application != null && amount != 0) {
            counts.merge(new RollupKey(day, application, site, counter), amount, Long::sum);
        }
    }

    public Map<RollupKey, Long> counts() {
        return Map.copyOf(counts);
    }
}
