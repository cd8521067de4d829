package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real client (swaks) relays through Passerelle to a real next hop (Postfix's smtp-sink). */
@ExtendWith(Passerelle.Extension.class)
class RelayIT {

    private final Passerelle passerelle;

    RelayIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @Test
    void relaysAMessageIntactWithAReceivedHeader() {
        String marker = UUID.randomUUID().toString();
        String body = "Invoice " + marker + "\n.a line that starts with a dot\n..and one with two\n\nLast line.";
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(),
                "--ehlo", "billing-app.corp.test",
                "--from", "billing@managed.test",
                "--to", "customer@external.test",
                "--header", "Subject: Invoice " + marker,
                "--header", "Message-Id: <" + marker + "@billing.managed.test>",
                "--header", "X-Application: billing",
                "--body", body);
        assertEquals(0, sent.exitCode(), sent.text());
        String queueId = sent.queueId();

        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
        List<SmtpSink.Received> arrived = passerelle.sink.messagesContaining(marker);
        assertEquals(1, arrived.size(), "exactly one copy at the next hop");
        SmtpSink.Received message = arrived.get(0);
        assertEquals("<billing@managed.test>", message.mailFrom());
        assertEquals(List.of("<customer@external.test>"), message.rcptTo());
        assertTrue(message.message().startsWith("Received: from billing-app.corp.test ([127.0.0.1])\n"
                + "\tby e2e.passerelle.test (Passerelle) with ESMTP id " + queueId + "\n"
                + "\tfor <customer@external.test>; "), message.message());
        assertTrue(message.message().contains("\nSubject: Invoice " + marker + "\n"), message.message());
        assertTrue(message.message().contains("\nMessage-Id: <" + marker + "@billing.managed.test>\n"), message.message());
        assertTrue(message.message().contains("\nX-Application: billing\n"), message.message());
        assertTrue(message.message().contains("\n\n" + body + "\n"), "body arrives unchanged:\n" + message.message());
    }

    @Test
    void aLineLongerThan998OctetsIsAcceptedAndArrivesFoldedAtTheNextHop() {
        String marker = UUID.randomUUID().toString();
        String longLine = "x".repeat(2500);
        String queued;
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
            smtp.send("EHLO billing-app.corp.test");
            assertTrue(smtp.send("MAIL FROM:<billing@managed.test>").startsWith("250"));
            assertTrue(smtp.send("RCPT TO:<customer@external.test>").startsWith("250"));
            assertTrue(smtp.send("DATA").startsWith("354"));
            queued = smtp.data("Subject: long line " + marker + "\r\n\r\n" + longLine + "\r\nend");
        }
        assertTrue(queued.startsWith("250 2.0.0 Ok: queued as "), queued);
        passerelle.api.awaitState(queued.substring("250 2.0.0 Ok: queued as ".length()), "DELIVERED", Duration.ofSeconds(30));
        String message = passerelle.sink.messagesContaining(marker).get(0).message();
        for (String line : message.split("\n")) {
            assertTrue(line.length() <= 998, "the next hop received a line of " + line.length() + " octets");
        }
        assertTrue(message.replace("\n ", "").contains("\n\n" + longLine + "\nend"), "folded, nothing lost:\n" + message);
    }

    @Test
    void refusesAMessageWithNulOctets() {
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
            smtp.send("EHLO billing-app.corp.test");
            smtp.send("MAIL FROM:<billing@managed.test>");
            smtp.send("RCPT TO:<customer@external.test>");
            assertTrue(smtp.send("DATA").startsWith("354"));
            assertEquals("554 5.6.0 Message contains NUL characters", smtp.data("Subject: nul\r\n\r\nbefore\u0000\u0000.\r\nafter"));
        }
    }

    @Test
    void refusesRelayFromAnUnregisteredClientAndDeliversNothing() {
        String marker = UUID.randomUUID().toString();
        Swaks.Transcript refused = Swaks.send(passerelle.server.smtpPort(),
                "--local-interface", "127.0.0.2",
                "--from", "someone@external.test",
                "--to", "victim@elsewhere.test",
                "--header", "Subject: " + marker);
        assertTrue(refused.hasReply("554 5.7.1 <victim@elsewhere.test>: Relay access denied"), refused.text());
        assertTrue(refused.exitCode() != 0, refused.text());

        // a message sent after the refused one arrives; the refused one never does
        Swaks.Transcript later = Swaks.send(passerelle.server.smtpPort(),
                "--from", "billing@managed.test", "--to", "later@external.test", "--header", "Subject: after " + marker);
        passerelle.api.awaitState(later.queueId(), "DELIVERED", Duration.ofSeconds(30));
        assertEquals(1, passerelle.sink.messagesContaining("after " + marker).size());
        assertEquals(0, passerelle.sink.messagesContaining("Subject: " + marker).size());
        assertEquals(0, passerelle.api.get("/messages?sender=someone@external.test").array().size());
    }

    @Test
    void anyClientMaySendToAManagedDomain() {
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(),
                "--local-interface", "127.0.0.2",
                "--from", "partner@external.test",
                // alice has no LDAP routing, so her mail goes to the smart host (the sink); dave's goes to his mailHost
                "--to", "alice@managed.test");
        assertEquals(0, sent.exitCode(), sent.text());
        JsonObject message = passerelle.api.awaitState(sent.queueId(), "DELIVERED", Duration.ofSeconds(30));
        assertEquals("127.0.0.2", message.getString("clientAddress"));
    }
}
