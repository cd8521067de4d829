package org.passerelle.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.TlsState;

class ReceivedHeaderTest {

    private final SmtpSession session = new SmtpSession("s1", "relay", new InetSocketAddress("10.20.0.9", 40000), "app1.corp.test", true);
    private final QueueId id = new QueueId("0123456789ABCDEF");
    private final ZonedDateTime when = ZonedDateTime.parse("2026-11-23T10:15:30+01:00");

    @Test
    void tracesClientHeloHostIdRecipientAndDate() {
        Envelope envelope = new Envelope(MailAddress.parse("billing@managed.test"), List.of(MailAddress.parse("dave@managed.test")), Map.of());
        assertEquals("Received: from app1.corp.test ([10.20.0.9])\r\n"
                        + "\tby gw.passerelle.test (Passerelle) with ESMTP id 0123456789ABCDEF\r\n"
                        + "\tfor <dave@managed.test>; Mon, 23 Nov 2026 10:15:30 +0100\r\n",
                new String(ReceivedHeader.of(session, envelope, id, "gw.passerelle.test", when), StandardCharsets.UTF_8));
    }

    @Test
    void namesTlsAndAuthenticationInTheProtocol() {
        SmtpSession submission = new SmtpSession("s2", "submission", ListenerMode.SUBMISSION, session.client(), "laptop", true,
                new TlsState("TLSv1.3", "TLS_AES_128_GCM_SHA256"), "alice", false);
        Envelope envelope = new Envelope(null, List.of(MailAddress.parse("dave@managed.test")), Map.of());
        String header = new String(ReceivedHeader.of(submission, envelope, id, "gw.passerelle.test", when), StandardCharsets.UTF_8);
        assertTrue(header.contains(" with ESMTPSA id "), header);
    }

    @Test
    void namesNoRecipientWhenThereAreSeveral() {
        Envelope envelope = new Envelope(null, List.of(MailAddress.parse("a@managed.test"), MailAddress.parse("b@managed.test")), Map.of());
        String header = new String(ReceivedHeader.of(session, envelope, id, "gw.passerelle.test", when), StandardCharsets.UTF_8);
        assertFalse(header.contains("for <"));
    }

    @Test
    void tracesAMessageOfPasserellesOwnWithoutAClient() {
        Envelope envelope = new Envelope(null, List.of(MailAddress.parse("billing@managed.test")), Map.of());
        assertEquals("Received: by gw.passerelle.test (Passerelle) id 0123456789ABCDEF\r\n"
                        + "\tfor <billing@managed.test>; Mon, 23 Nov 2026 10:15:30 +0100\r\n",
                new String(ReceivedHeader.local(envelope, id, "gw.passerelle.test", when), StandardCharsets.UTF_8));
    }
}
