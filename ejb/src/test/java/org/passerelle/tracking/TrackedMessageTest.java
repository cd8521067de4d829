package org.passerelle.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.RecipientDsn.Notify;

class TrackedMessageTest {

    private static TrackedMessage message(MessageDsn dsn, Recipient... recipients) {
        return new TrackedMessage("0DFE4RT6A1B2CXYZ", Instant.parse("2026-11-23T09:15:30Z"), "relay", "10.20.0.9",
                "app.corp.test", "billing", "billing@managed.test", null, 100, false, false, dsn, List.of(recipients));
    }

    @Test
    void keepsRetAndEnvelopeId() {
        MessageDsn dsn = new MessageDsn(MessageDsn.Ret.HDRS, "invoice-42+batch=7");
        assertEquals(dsn, message(dsn).getDsn());
        assertEquals(MessageDsn.NONE, message(MessageDsn.NONE).getDsn());
    }

    @Test
    void keepsEachRecipientsNotifyAndOriginalRecipient() {
        RecipientDsn asked = new RecipientDsn(EnumSet.of(Notify.SUCCESS, Notify.DELAY), "rfc822", "Dave.Original@example.org");
        RecipientDsn never = new RecipientDsn(Set.of(Notify.NEVER), null, null);
        TrackedMessage message = message(MessageDsn.NONE, new Recipient("dave@example.org", asked),
                new Recipient("erin@example.org", never), new Recipient("frank@example.org", RecipientDsn.NONE));
        assertEquals(asked, message.recipientDsn("dave@example.org"));
        assertEquals(never, message.recipientDsn("erin@example.org"));
        assertEquals(RecipientDsn.NONE, message.recipientDsn("frank@example.org"));
    }

    @Test
    void hasNoRequestForSomeoneWhoIsNotARecipient() {
        TrackedMessage message = message(MessageDsn.NONE, new Recipient("dave@example.org", RecipientDsn.NONE));
        assertThrows(IllegalArgumentException.class, () -> message.recipientDsn("mallory@example.org"));
    }

    private static TrackedMessage to(String... recipients) {
        return message(MessageDsn.NONE, List.of(recipients).stream().map(r -> new Recipient(r, RecipientDsn.NONE)).toArray(Recipient[]::new));
    }

    @Test
    void aMessageAnsweredHereAloneLeavesTheQueueAtOnce() {
        TrackedMessage echo = to("echo@managed.test").answeredHere("echo@managed.test", "250 2.0.0 Echo address: reply");
        assertEquals(MessageState.DELIVERED, echo.getState());
        assertNull(echo.getNextAttemptAt());
        assertEquals("250 2.0.0 Echo address: reply", echo.getRecipients().get(0).getLastReply());
    }

    @Test
    void theOtherRecipientsOfAMessageAnsweredHereAreStillDelivered() {
        TrackedMessage echo = to("dave@managed.test", "echo@managed.test").answeredHere("echo@managed.test", "250 2.0.0 Echo");
        assertEquals(MessageState.QUEUED, echo.getState());
        assertNotNull(echo.getNextAttemptAt());
        assertEquals(List.of("dave@managed.test"), echo.pendingRecipients());
        assertEquals(RecipientState.DELIVERED, echo.getRecipients().get(1).getState());
    }
}
