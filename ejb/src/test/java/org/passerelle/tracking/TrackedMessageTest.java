package org.passerelle.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
