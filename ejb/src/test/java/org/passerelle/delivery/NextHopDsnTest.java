package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.RecipientDsn.Notify;
import org.passerelle.smtp.client.DsnNotify;
import org.passerelle.smtp.client.DsnReturn;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.Recipient;

class NextHopDsnTest {

    private static final MailAddress DAVE = MailAddress.parse("dave@example.org");

    @Test
    void passesNotifyAndOriginalRecipientOn() {
        Recipient recipient = NextHopDsn.recipient(DAVE,
                new RecipientDsn(EnumSet.of(Notify.SUCCESS, Notify.FAILURE), "rfc822", "Dave+Original@example.org"));
        assertEquals(new Recipient(DAVE, Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), "Dave+Original@example.org"), recipient);
    }

    @Test
    void passesNeverOn() {
        assertEquals(Set.of(DsnNotify.NEVER), NextHopDsn.recipient(DAVE, new RecipientDsn(Set.of(Notify.NEVER), null, null)).notifyOn());
    }

    @Test
    void addsNothingWhereTheSenderGaveNothing() {
        assertEquals(Recipient.of(DAVE), NextHopDsn.recipient(DAVE, RecipientDsn.NONE));
    }

    @Test
    void leavesOutAnOriginalRecipientOfAnotherAddressType() {
        assertNull(NextHopDsn.recipient(DAVE, new RecipientDsn(Set.of(), "x400", "c=fr;o=corp")).originalRecipient());
        assertEquals("dave@example.org", NextHopDsn.recipient(DAVE, new RecipientDsn(Set.of(), "RFC822", "dave@example.org")).originalRecipient());
    }

    @Test
    void passesRetAndEnvelopeIdOn() {
        MailTransaction transaction = MailTransaction.of(null, List.of(Recipient.of(DAVE)), new ByteArrayInputStream(new byte[0]), 0);
        MailTransaction relayed = NextHopDsn.withMessageDsn(transaction, new MessageDsn(MessageDsn.Ret.HDRS, "invoice-42"));
        assertEquals(DsnReturn.HDRS, relayed.dsnReturn());
        assertEquals("invoice-42", relayed.envelopeId());
        MailTransaction plain = NextHopDsn.withMessageDsn(transaction, MessageDsn.NONE);
        assertNull(plain.dsnReturn());
        assertNull(plain.envelopeId());
    }
}
