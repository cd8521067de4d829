package org.passerelle.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.TlsState;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.SessionVerdict;

class EchoReplyTest {

    private static final MailAddress ECHO = MailAddress.parse("echo@managed.test");
    private static final QueueId ID = QueueId.next();
    private static final OriginalHeader HEADER = OriginalHeader.read(new ByteArrayInputStream((
            "Subject: =?UTF-8?Q?caf=C3=A9?= set-up\r\n"
            + "Message-ID: <42@billing.managed.test>\r\n"
            + "References: <41@billing.managed.test>\r\n"
            + "X-Application: invoices 2.3\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));

    private static EchoFacts facts(TlsState tls, String login, String application) {
        return new EchoFacts(ID, "relay", "10.20.0.7", "invoices.billing.test", tls, login, application,
                MailAddress.parse("billing@managed.test"), List.of(ECHO, MailAddress.parse("dave@managed.test")),
                List.of(new SessionVerdict("connect", "10.20.0.7", "250", "no access rule"),
                        new SessionVerdict("mail", "<billing@managed.test>", "250", "application billing allowed sender billing@managed.test"),
                        new SessionVerdict("rcpt", "<echo@managed.test>", "250", "echo address, application billing")),
                Instant.parse("2026-12-06T15:00:00.100Z"), Instant.parse("2026-12-06T15:00:00.130Z"));
    }

    private static Message parse(byte[] reply) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(reply));
    }

    @Test
    void theReplyIsAnAutomaticAnswerToTheOriginal() throws IOException {
        Message reply = parse(EchoReply.message(facts(null, null, "billing"), HEADER, ECHO, "gw.managed.test"));
        assertEquals("auto-replied", reply.getHeader().getField("Auto-Submitted").getBody().trim());
        assertEquals("<42@billing.managed.test>", reply.getHeader().getField("In-Reply-To").getBody().trim());
        assertEquals("<41@billing.managed.test> <42@billing.managed.test>", reply.getHeader().getField("References").getBody().trim());
        assertEquals("Echo: café set-up", reply.getSubject());
        assertEquals("billing@managed.test", reply.getTo().flatten().get(0).getAddress());
        assertEquals("echo@managed.test", reply.getFrom().get(0).getAddress());
        assertTrue(reply.getMessageId().endsWith("@gw.managed.test>"), reply.getMessageId());
    }

    @Test
    void aMessageWithoutMessageIdGetsAReplyWithoutReferences() throws IOException {
        OriginalHeader bare = OriginalHeader.read(new ByteArrayInputStream("Subject: x\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        Message reply = parse(EchoReply.message(facts(null, null, "billing"), bare, ECHO, "gw.managed.test"));
        assertNull(reply.getHeader().getField("In-Reply-To"));
        assertEquals("Echo: x", reply.getSubject());
    }

    @Test
    void theBodyTellsWhatTheGatewaySaw() throws IOException {
        Message reply = parse(EchoReply.message(facts(new TlsState("TLSv1.3", "TLS_AES_256_GCM_SHA384"), "alice", null),
                HEADER, ECHO, "gw.managed.test"));
        String body = new String(((TextBody) reply.getBody()).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Queue id:        " + ID.value()), body);
        assertTrue(body.contains("Client address:  [10.20.0.7]"), body);
        assertTrue(body.contains("HELO:            invoices.billing.test"), body);
        assertTrue(body.contains("TLS:             TLSv1.3 with cipher TLS_AES_256_GCM_SHA384"), body);
        assertTrue(body.contains("Login:           alice"), body);
        assertTrue(body.contains("Application:     none"), body);
        assertTrue(body.contains("Received at:     2026-12-06T15:00:00.100Z"), body);
        assertTrue(body.contains("Answered at:     2026-12-06T15:00:00.130Z (30 ms later)"), body);
        assertTrue(body.contains("rcpt  <echo@managed.test>  250  echo address, application billing"), body);
        assertTrue(body.contains("X-Application: invoices 2.3\r\n"), body);
    }

    @Test
    void aPlainTextSessionWithoutLoginSaysSo() {
        String body = EchoReply.body(facts(null, null, "billing"), HEADER, "gw.managed.test");
        assertTrue(body.contains("TLS:             none (plain text)"), body);
        assertTrue(body.contains("Login:           none"), body);
        assertTrue(body.contains("Application:     billing"), body);
    }
}
