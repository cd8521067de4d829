package org.passerelle.greylist;

import java.time.Duration;

import org.passerelle.smtp.Verdict;

/**
 * Greylisting's answer for one recipient and the rule that made it.
 *
 * @param firstPassDelay how long the triplet was delayed, when this is its first pass (its
 *                       message gets an {@link GreylistHeader}); {@code null} otherwise
 */
public record GreylistVerdict(Verdict verdict, String rule, Duration firstPassDelay) {

    /** Let through without a triplet: allow-listed, or an auto-allowed network. */
    public static GreylistVerdict allowed(String rule) {
        return new GreylistVerdict(Verdict.accept(), rule, null);
    }

    public boolean accepted() {
        return verdict.accepted();
    }
}
