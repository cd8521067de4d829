package org.passerelle.reporting;

import java.time.LocalDate;
import java.util.Map;

import org.passerelle.smtp.SmtpStage;

/** Refusals counted in memory by day and stage until they are written ({@link Tally}). */
public final class RefusalTally {

    /** One day's refusals at one stage. */
    public record Key(LocalDate day, SmtpStage stage) {
    }

    private final Tally<Key> counts = new Tally<>();

    public void add(LocalDate day, SmtpStage stage) {
        counts.add(new Key(day, stage));
    }

    /** Takes the counts out, to be written; those added meanwhile stay for the next time. */
    public Map<Key, Long> drain() {
        return counts.drain();
    }

    /** Puts back counts that could not be written. */
    public void restore(Map<Key, Long> unwritten) {
        counts.restore(unwritten);
    }
}
