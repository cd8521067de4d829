package org.passerelle.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.passerelle.bounce.Action;
import org.passerelle.bounce.RecipientOutcome;
import org.passerelle.tracking.MessageState;

/**
 * What follows an attempt: the message is done, tried again after its back-off ({@link RetrySchedule}),
 * or expired, its pending recipients failed; and what its sender hears of it: what was settled, and
 * the recipients still deferred once, when the message has waited {@code delayWarning} (zero: never).
 */
public record RetryDecision(RetrySchedule schedule, Duration delayWarning) {

    /**
     * @param retryAt when a deferred message is tried again; {@code null} when it is not
     * @param expired whether its lifetime is over: its pending recipients fail
     * @param warnDelay whether the sender is told now that the message is delayed
     */
    public record Verdict(Instant retryAt, boolean expired, boolean warnDelay) {
    }

    /**
     * @param state where the attempt left the message ({@link MessageState#DEFERRED} while recipients are pending)
     * @param attempts the attempts made, this one included
     */
    public Verdict decide(MessageState state, int attempts, Instant receivedAt, boolean delayNotified, Instant now) {
        if (state != MessageState.DEFERRED) {
            return new Verdict(null, false, false);
        }
        return schedule.nextDelay(attempts, receivedAt, now)
                .map(delay -> new Verdict(now.plus(delay), false,
                        !delayWarning.isZero() && !delayNotified && !now.isBefore(receivedAt.plus(delayWarning))))
                .orElseGet(() -> new Verdict(null, true, false));
    }

    /** When a message none of whose recipients could be tried (their next hops are paused) is looked at again. */
    public Instant untried(Instant now) {
        return now.plus(schedule.minimalBackoff());
    }

    /** The outcomes the sender's notices report, as the verdict has it. */
    public List<RecipientOutcome> reported(Verdict verdict, Collection<RecipientOutcome> outcomes, Instant receivedAt) {
        if (verdict.expired()) {
            return outcomes.stream()
                    .map(outcome -> outcome.action() == Action.DELAYED
                            ? RecipientOutcome.of(outcome.recipient(), Action.FAILED, outcome.reply(), outcome.remoteMta(), outcome.lastAttempt())
                            : outcome)
                    .toList();
        }
        Instant until = receivedAt.plus(schedule.maximalQueueLifetime());
        return outcomes.stream()
                .filter(outcome -> outcome.action() != Action.DELAYED || verdict.warnDelay())
                .map(outcome -> outcome.action() == Action.DELAYED ? outcome.retriedUntil(until) : outcome)
                .toList();
    }
}
