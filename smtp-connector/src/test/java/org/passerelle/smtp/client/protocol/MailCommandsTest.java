package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.BodyType;
import org.passerelle.smtp.client.DsnNotify;
import org.passerelle.smtp.client.DsnReturn;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.Messages;
import org.passerelle.smtp.client.Recipient;
import org.passerelle.smtp.client.SmtpReply;

class MailCommandsTest {

    private static final ServerExtensions ALL = ServerExtensions.of(new SmtpReply(250,
            List.of("mx", "SIZE 1000000", "8BITMIME", "SMTPUTF8", "DSN")));

    private final MailTransaction plain = Messages.transaction("app@corp.test", "user@example.org");

    @Test
    void declaresTheSizeWhenOffered() {
        assertEquals("MAIL FROM:<app@corp.test> SIZE=" + plain.size(), MailCommands.mailFrom(plain, ALL));
        assertEquals("MAIL FROM:<app@corp.test>", MailCommands.mailFrom(plain, ServerExtensions.NONE));
    }

    @Test
    void writesTheNullSender() {
        assertEquals("MAIL FROM:<>", MailCommands.mailFrom(Messages.transaction("", "user@example.org"), ServerExtensions.NONE));
    }

    @Test
    void passesEightBitAndUtf8OnlyWhenNeededAndOffered() {
        MailTransaction eightBit = plain.withBody(BodyType.EIGHT_BIT_MIME, true);
        assertEquals("MAIL FROM:<app@corp.test> SIZE=" + plain.size() + " BODY=8BITMIME SMTPUTF8",
                MailCommands.mailFrom(eightBit, ALL));
        assertEquals("MAIL FROM:<app@corp.test>", MailCommands.mailFrom(eightBit, ServerExtensions.NONE));
    }

    @Test
    void aUtf8AddressNeedsSmtpUtf8() {
        assertEquals(true, Messages.transaction("app@corp.test", "zoë@example.org").needsSmtpUtf8());
        assertEquals(false, plain.needsSmtpUtf8());
    }

    @Test
    void passesDsnParametersInXtextWhenOffered() {
        MailTransaction dsn = plain.withDsn(DsnReturn.HDRS, "Q1+id=2 x");
        Recipient recipient = new Recipient(MailAddress.parse("user@example.org"),
                Set.of(DsnNotify.FAILURE, DsnNotify.SUCCESS), "User+1@Example.org");

        assertEquals("MAIL FROM:<app@corp.test> SIZE=" + plain.size() + " RET=HDRS ENVID=Q1+2Bid+3D2+20x",
                MailCommands.mailFrom(dsn, ALL));
        assertEquals("RCPT TO:<user@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;User+2B1@Example.org",
                MailCommands.rcptTo(recipient, ALL));
        assertEquals("RCPT TO:<user@example.org>", MailCommands.rcptTo(recipient, ServerExtensions.NONE));
    }

    @Test
    void encodesUtf8InXtextOctetByOctet() {
        assertEquals("zo+C3+ABl", Xtext.encode("zoël"));
    }
}
