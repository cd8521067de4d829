package org.passerelle.greylist;

import java.time.Duration;
import java.time.Instant;

/**
 * What greylisting answers to a triplet, from what is kept of it:
 * <ol>
 * <li>never seen, or its entry expired (pending longer than the pending lifetime, or passed and
 *     unused for the confirmed lifetime): {@link Outcome#FIRST_SIGHT}, refused, its clock starts;</li>
 * <li>pending, tried again before the delay: {@link Outcome#TOO_EARLY}, refused;</li>
 * <li>pending, tried again after the delay: {@link Outcome#FIRST_PASS}, accepted, the delay is the
 *     time since it was first seen;</li>
 * <li>passed before: {@link Outcome#PASS}, accepted, its confirmed lifetime starts again.</li>
 * </ol>
 */
public final class GreylistRules {

    public enum Outcome {
        FIRST_SIGHT, TOO_EARLY, FIRST_PASS, PASS;

        public boolean accepted() {
            return this == FIRST_PASS || this == PASS;
        }
    }

    /**
     * One decision and the state to keep after it.
     *
     * @param waited for {@link Outcome#FIRST_PASS}, how long the triplet was delayed; for
     *               {@link Outcome#TOO_EARLY}, how long it has waited so far; else zero
     */
    public record Step(Outcome outcome, TripletState next, Duration waited) {
    }

    private final Duration delay;
    private final Duration pendingLifetime;
    private final Duration confirmedLifetime;
    /** How long the last use of a passed triplet, and of its network, may go unwritten. */
    private final Duration rewrittenEvery;
    private static final Duration REWRITTEN_AT_MOST_EVERY = Duration.ofHours(1);

    public GreylistRules(Duration delay, Duration pendingLifetime, Duration confirmedLifetime) {
        this.delay = delay;
        this.pendingLifetime = pendingLifetime;
        this.confirmedLifetime = confirmedLifetime;
        Duration tenth = confirmedLifetime.dividedBy(10);
        this.rewrittenEvery = tenth.compareTo(REWRITTEN_AT_MOST_EVERY) < 0 ? tenth : REWRITTEN_AT_MOST_EVERY;
    }

    public GreylistRules(GreylistSettings settings) {
        this(settings.delay(), settings.pendingLifetime(), settings.confirmedLifetime());
    }

    /**
     * Whether a triplet that passed before passes again with nothing to write: its last use and its
     * network's were written less than a tenth of the confirmed lifetime ago (an hour at most), and
     * the network's pass was counted within the hour ({@link AutoAllow}). Their lifetimes then start
     * again up to that much late, and the triplet's passes count such uses once; in exchange a
     * known sender's message costs two reads and no write (no commit, no fsync).
     *
     * @param kept    the triplet's state, {@code null} if none is kept
     * @param network the network's passes, {@code null} if none are kept
     */
    public boolean passesAsKept(TripletState kept, NetworkPasses network, Instant now) {
        return kept != null && network != null && !kept.pending() && !expired(kept, now)
                && now.isBefore(kept.lastSeen().plus(rewrittenEvery)) && now.isBefore(network.lastSeen().plus(rewrittenEvery))
                && now.isBefore(network.lastCounted().plus(AutoAllow.COUNTED_AT_MOST_EVERY));
    }

    /** @param kept the triplet's state, {@code null} if none is kept */
    public Step decide(TripletState kept, Instant now) {
        if (kept == null || expired(kept, now)) {
            return new Step(Outcome.FIRST_SIGHT, new TripletState(now, now, null, 0), Duration.ZERO);
        }
        if (!kept.pending()) {
            return new Step(Outcome.PASS, new TripletState(kept.firstSeen(), now, kept.passedAt(), kept.passes() + 1), Duration.ZERO);
        }
        Duration waited = Duration.between(kept.firstSeen(), now);
        if (waited.compareTo(delay) < 0) {
            return new Step(Outcome.TOO_EARLY, new TripletState(kept.firstSeen(), now, null, 0), waited);
        }
        return new Step(Outcome.FIRST_PASS, new TripletState(kept.firstSeen(), now, now, 1), waited);
    }

    public boolean expired(TripletState kept, Instant now) {
        return kept.pending() ? !now.isBefore(kept.firstSeen().plus(pendingLifetime))
                : !now.isBefore(kept.lastSeen().plus(confirmedLifetime));
    }

    /** Pending triplets first seen before this are expired. */
    public Instant pendingCutoff(Instant now) {
        return now.minus(pendingLifetime);
    }

    /** Passed triplets (and auto-allowed networks) last used before this are expired. */
    public Instant confirmedCutoff(Instant now) {
        return now.minus(confirmedLifetime);
    }
}
