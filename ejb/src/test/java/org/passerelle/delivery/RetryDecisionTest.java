package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.bounce.Action;
import org.passerelle.bounce.RecipientOutcome;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.tracking.MessageState;

class RetryDecisionTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T08:00:00Z");
    private final RetryDecision decision = new RetryDecision(
            new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(5)), Duration.ofHours(4));

    private static RecipientOutcome outcome(String recipient, Action action, int code) {
        return RecipientOutcome.of(recipient, action, SmtpReply.of(code, code / 100 + ".0.0 reply"), "[10.0.0.1]:25", RECEIVED);
    }

    @Test
    void aMessageWithNothingPendingIsDoneAndItsSettledRecipientsReported() {
        RetryDecision.Verdict verdict = decision.decide(MessageState.BOUNCED, 1, RECEIVED, false, RECEIVED.plusSeconds(1));
        assertNull(verdict.retryAt());
        assertFalse(verdict.expired());
        List<RecipientOutcome> outcomes = List.of(outcome("a@x.test", Action.DELIVERED, 250), outcome("b@x.test", Action.FAILED, 550));
        assertEquals(outcomes, decision.reported(verdict, outcomes, RECEIVED));
    }

    @Test
    void aDeferredMessageIsRetriedAfterItsBackOffAndItsDelayedRecipientsAreNotReportedYet() {
        Instant now = RECEIVED.plus(Duration.ofMinutes(20));
        RetryDecision.Verdict verdict = decision.decide(MessageState.DEFERRED, 3, RECEIVED, false, now);
        assertEquals(now.plus(Duration.ofMinutes(20)), verdict.retryAt(), "5, 10, then 20 minutes");
        assertFalse(verdict.warnDelay());
        List<RecipientOutcome> outcomes = List.of(outcome("a@x.test", Action.DELIVERED, 250), outcome("b@x.test", Action.DELAYED, 451));
        assertEquals(List.of(outcomes.get(0)), decision.reported(verdict, outcomes, RECEIVED));
    }

    @Test
    void theSenderHearsOnceThatAMessageIsDelayedWithUntilWhenItIsRetried() {
        Instant late = RECEIVED.plus(Duration.ofHours(5));
        RetryDecision.Verdict first = decision.decide(MessageState.DEFERRED, 6, RECEIVED, false, late);
        assertTrue(first.warnDelay());
        List<RecipientOutcome> reported = decision.reported(first, List.of(outcome("b@x.test", Action.DELAYED, 451)), RECEIVED);
        assertEquals(RECEIVED.plus(Duration.ofDays(5)), reported.get(0).willRetryUntil());

        assertFalse(decision.decide(MessageState.DEFERRED, 7, RECEIVED, true, late.plusSeconds(600)).warnDelay(), "once is enough");
    }

    @Test
    void aMessageWhoseLifetimeIsOverExpiresAndItsDelayedRecipientsFailWithTheirLastReply() {
        RetryDecision.Verdict verdict = decision.decide(MessageState.DEFERRED, 40, RECEIVED, true, RECEIVED.plus(Duration.ofDays(5)));
        assertTrue(verdict.expired());
        assertNull(verdict.retryAt());
        RecipientOutcome failed = decision.reported(verdict, List.of(outcome("b@x.test", Action.DELAYED, 451)), RECEIVED).get(0);
        assertEquals(Action.FAILED, failed.action());
        assertEquals("4.0.0", failed.status(), "the last temporary status is kept");
    }

    @Test
    void aMessageWhoseNextHopsArePausedIsLookedAtAgainAfterTheMinimalBackOff() {
        assertEquals(RECEIVED.plus(Duration.ofMinutes(5)), decision.untried(RECEIVED));
    }
}
