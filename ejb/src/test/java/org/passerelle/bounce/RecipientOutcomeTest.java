package org.passerelle.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.passerelle.smtp.client.SmtpReply;

class RecipientOutcomeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "550, '5.1.1 <dave@example.org>: User unknown', 5.1.1",
            "552, '5.3.4 Message too big', 5.3.4",
            "550, 'User unknown', 5.0.0",
            "554, '4.4.1 a status of another class', 5.0.0",
            "451, '4.4.1 no answer from [127.0.0.1]:9', 4.4.1",
            "421, 'Service not available', 4.0.0",
            "250, '2.0.0 Ok: queued as 4F2A1', 2.0.0",
            "250, 'Ok', 2.0.0",
            "550, '5.1.10', 5.1.10",
            "550, '5.1.1x is not a status', 5.0.0"
    })
    void takesTheStatusFromTheReplysEnhancedCodeOrItsClass(int code, String text, String status) {
        assertEquals(status, RecipientOutcome.statusOf(SmtpReply.of(code, text)));
    }

    @Test
    void readsTheStatusFromTheFirstLineOfAMultilineReply() {
        assertEquals("5.7.1", RecipientOutcome.statusOf(new SmtpReply(550, List.of("5.7.1 Refused", "5.7.1 see the policy"))));
    }

    @Test
    void aFailureAfterTemporaryRepliesKeepsTheLastOnesStatus() {
        RecipientOutcome expired = RecipientOutcome.of("dave@example.org", Action.FAILED,
                SmtpReply.of(451, "4.4.1 no answer from [127.0.0.1]:9"), null, NOW);
        assertEquals("4.4.1", expired.status());
    }

    @Test
    void onlyADelayedRecipientIsRetried() {
        RecipientOutcome failed = RecipientOutcome.of("dave@example.org", Action.FAILED, SmtpReply.of(550, "5.1.1 no"), null, NOW);
        assertThrows(IllegalArgumentException.class, () -> failed.retriedUntil(NOW));
        RecipientOutcome delayed = RecipientOutcome.of("dave@example.org", Action.DELAYED, SmtpReply.of(451, "4.3.0 later"), null, NOW);
        assertEquals(NOW, delayed.retriedUntil(NOW).willRetryUntil());
    }

    @Test
    void refusesAStatusThatIsNotOne() {
        assertThrows(IllegalArgumentException.class, () -> new RecipientOutcome("dave@example.org", Action.FAILED, "550",
                SmtpReply.of(550, "no"), null, NOW, null));
    }
}
