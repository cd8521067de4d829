package org.passerelle.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;

class TrackedMessageTest {

    private static TrackedMessage message(String... recipients) {
        return new TrackedMessage("0DFE4RT6A1B2CXYZ", Instant.parse("2026-12-06T15:00:00Z"), "relay", "10.20.0.9", "app.corp.test",
                "billing", "billing@managed.test", null, 100, false, false, MessageDsn.NONE,
                List.of(recipients).stream().map(r -> new Recipient(r, RecipientDsn.NONE)).toList());
    }

    @Test
    void aMessageAnsweredHereAloneLeavesTheQueueAtOnce() {
        TrackedMessage echo = message("echo@managed.test").answeredHere("echo@managed.test", "250 2.0.0 Echo address: reply");
        assertEquals(MessageState.DELIVERED, echo.getState());
        assertNull(echo.getNextAttemptAt());
        assertEquals("250 2.0.0 Echo address: reply", echo.getRecipients().get(0).getLastReply());
    }

    @Test
    void theOtherRecipientsOfAMessageAnsweredHereAreStillDelivered() {
        TrackedMessage echo = message("dave@managed.test", "echo@managed.test").answeredHere("echo@managed.test", "250 2.0.0 Echo");
        assertEquals(MessageState.QUEUED, echo.getState());
        assertNotNull(echo.getNextAttemptAt());
        assertEquals(List.of("dave@managed.test"), echo.pendingRecipients());
        assertEquals(RecipientState.DELIVERED, echo.getRecipients().get(1).getState());
    }
}
