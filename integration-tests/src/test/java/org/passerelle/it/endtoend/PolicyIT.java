package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The relay policy through real SMTP sessions, from the sample directory's clients. */
@ExtendWith(Passerelle.Extension.class)
class PolicyIT {

    private static final String UNREGISTERED = "127.0.0.2";
    private static final String BILLING = "127.0.0.1";

    private final Passerelle passerelle;

    PolicyIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private SmtpDialogue from(String client) {
        return SmtpDialogue.open(client, passerelle.server.smtpPort());
    }

    static Stream<Arguments> relayAttempts() {
        List<String> recipients = List.of("user@external.test", "User@External.TEST", "user%external.test@managed.test",
                "\"user@external.test\"@managed.test", "user@external.test@managed.test", "@managed.test:user@external.test",
                "external.test!user@managed.test", "user@[192.0.2.1]", "user@managed.test.", "user@external.test.",
                "user%external.test@Managed.Test.", "user@MANAGED.test.", "user%External.Test@MANAGED.TEST");
        List<String> senders = List.of("battery@external.test", "", "ceo@managed.test");
        return senders.stream().flatMap(sender -> recipients.stream().map(recipient -> Arguments.of(sender, recipient)));
    }

    @ParameterizedTest(name = "MAIL FROM:<{0}> RCPT TO:<{1}>")
    @MethodSource("relayAttempts")
    void anUnregisteredClientIsNeverRelayed(String sender, String recipient) {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            assertTrue(smtp.send("EHLO battery.example.test").startsWith("250"));
            String mail = smtp.send("MAIL FROM:<" + sender + ">");
            if (mail.startsWith("5")) {
                assertEquals("ceo@managed.test", sender, "only the forged local sender is refused at MAIL: " + mail);
                return;
            }
            String rcpt = smtp.send("RCPT TO:<" + recipient + ">");
            assertTrue(rcpt.startsWith("5"), "RCPT TO:<" + recipient + "> got " + rcpt);
            assertFalse(smtp.send("DATA").startsWith("354"), "DATA without a recipient");
        }
        assertEquals(0, passerelle.api.get("/messages?sender=battery@external.test").array().size());
    }

    @Test
    void aClientOfAQuarantinedNetworkIsRefusedAtConnect() {
        try (SmtpDialogue smtp = from("127.0.1.5")) {
            assertTrue(smtp.greeting().startsWith("554 5.7.1 Client host [127.0.1.5] rejected"), smtp.greeting());
        }
    }

    @Test
    void theMonitoringProbeInsideTheQuarantinedNetworkIsServed() {
        try (SmtpDialogue smtp = from("127.0.1.10")) {
            assertTrue(smtp.greeting().startsWith("220 "), smtp.greeting());
            smtp.send("EHLO probe.monitoring.test");
            assertTrue(smtp.send("MAIL FROM:<probe@external.test>").startsWith("250"));
            assertTrue(smtp.send("RCPT TO:<dave@managed.test>").startsWith("250"));
            assertTrue(smtp.send("RCPT TO:<user@external.test>").startsWith("554 5.7.1"), "an allow rule gives no relay right");
        }
    }

    @Test
    void aSpamHeloNameIsRefused() {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            assertTrue(smtp.send("EHLO mx1.spam.test").startsWith("554 5.7.1 <mx1.spam.test>: Helo command rejected"));
        }
    }

    @Test
    void aBlockedSenderDomainIsRefused() {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            smtp.send("EHLO client.example.test");
            assertTrue(smtp.send("MAIL FROM:<x@eu.blocked.test>").startsWith("554 5.7.1 <x@eu.blocked.test>: Sender address rejected"));
        }
    }

    @Test
    void anApplicationSendsOnlyAsItsAllowedSenders() {
        try (SmtpDialogue smtp = from(BILLING)) {
            smtp.send("EHLO billing.corp.test");
            assertTrue(smtp.send("MAIL FROM:<ceo@managed.test>")
                    .startsWith("550 5.7.1 <ceo@managed.test>: Sender address rejected: not an allowed sender of application billing"));
            assertTrue(smtp.send("MAIL FROM:<reminders@billing.managed.test>").startsWith("250"));
            assertTrue(smtp.send("RCPT TO:<customer@external.test>").startsWith("250"));
        }
    }

    @Test
    void aSuspendedApplicationIsRefusedByName() {
        try (SmtpDialogue smtp = from("127.0.0.3")) {
            smtp.send("EHLO fax.corp.test");
            assertEquals("550 5.7.1 Application legacy-fax is suspended", smtp.send("MAIL FROM:<fax@managed.test>"));
        }
    }

    @Test
    void anApplicationOfAnotherGatewaySiteIsRefused() {
        try (SmtpDialogue smtp = from("127.0.0.5")) {
            smtp.send("EHLO reports.lyon.test");
            assertEquals("550 5.7.1 Application lyon-reports is not assigned to gateway gw-paris",
                    smtp.send("MAIL FROM:<daily@reports.managed.test>"));
        }
    }

    @Test
    void unknownLocalRecipientsAreRefusedAndPostmasterAccepted() {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            smtp.send("EHLO client.example.test");
            smtp.send("MAIL FROM:<partner@external.test>");
            assertTrue(smtp.send("RCPT TO:<nobody@managed.test>").startsWith("550 5.1.1"));
            assertTrue(smtp.send("RCPT TO:<postmaster@managed.test>").startsWith("250"));
            assertEquals("550 5.1.1 <anyone@corp.test>: Recipient address rejected: User unknown in relay recipient table",
                    smtp.send("RCPT TO:<anyone@corp.test>"));
            assertTrue(smtp.send("RCPT TO:<it-desk@corp.test>").startsWith("250"), "a listed recipient of the relay domain");
        }
    }

    @Test
    void anUnregisteredClientMayNotUseASenderOfAManagedDomainsSubdomain() {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            smtp.send("EHLO client.example.test");
            assertEquals("550 5.7.1 <invoices@billing.managed.test>: Sender address rejected: "
                    + "a managed domain's sender must authenticate or use a registered application",
                    smtp.send("MAIL FROM:<invoices@billing.managed.test>"));
        }
    }

    @Test
    void anApplicationCannotMakeTheGatewayConnectToItsOwnOrLoopbackAddresses() {
        try (SmtpDialogue smtp = from(BILLING)) {
            smtp.send("EHLO billing.corp.test");
            assertTrue(smtp.send("MAIL FROM:<billing@managed.test>").startsWith("250"));
            for (String literal : List.of("[127.0.0.1]", "[IPv6:::1]", "[169.254.169.254]", "[0.0.0.0]")) {
                assertEquals("550 5.1.2 <root@" + literal.toLowerCase() + ">: Recipient address rejected: "
                        + "address literal names a local address", smtp.send("RCPT TO:<root@" + literal + ">"));
            }
            assertTrue(smtp.send("RCPT TO:<root@[localhost]>").startsWith("553 5.1.2"));
        }
    }

    @Test
    void aClientProbingRecipientsIsDisconnectedAfterTenRefusals() {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            smtp.send("EHLO prober.example.test");
            smtp.send("MAIL FROM:<prober@external.test>");
            for (int i = 1; i < 10; i++) {
                assertTrue(smtp.send("RCPT TO:<guess" + i + "@managed.test>").startsWith("550 5.1.1"));
            }
            assertTrue(smtp.send("RCPT TO:<guess10@managed.test>").startsWith("550 5.1.1"));
            assertEquals("421 4.7.0 e2e.passerelle.test Too many errors, closing connection", smtp.nextReply());
            assertEquals("(connection closed)", smtp.nextReply());
        }
    }

    @Test
    void filterCharactersInARecipientMatchNobody() {
        try (SmtpDialogue smtp = from(UNREGISTERED)) {
            smtp.send("EHLO client.example.test");
            smtp.send("MAIL FROM:<partner@external.test>");
            assertTrue(smtp.send("RCPT TO:<*@managed.test>").startsWith("550 5.1.1"));
            assertTrue(smtp.send("RCPT TO:<dav*@managed.test>").startsWith("550 5.1.1"));
            assertTrue(smtp.send("RCPT TO:<\"dave)(mail=*\"@managed.test>").startsWith("5"));
        }
    }
}
