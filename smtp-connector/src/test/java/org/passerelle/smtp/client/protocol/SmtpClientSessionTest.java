package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.BodyType;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.Messages;
import org.passerelle.smtp.client.SmtpPeer;
import org.passerelle.smtp.client.TlsPolicy;

/** One client connection against a scripted next hop, reply by reply. */
class SmtpClientSessionTest {

    private static final SessionSettings SETTINGS = new SessionSettings("relay.passerelle.test",
            Duration.ofSeconds(5), Duration.ofSeconds(5));

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private SmtpPeer peer(SmtpPeer.Dialogue dialogue) throws IOException {
        SmtpPeer peer = SmtpPeer.start(dialogue);
        opened.add(peer);
        return peer;
    }

    private SmtpClientSession open(SmtpPeer peer, TlsPolicy tls) throws Exception {
        SmtpClientSession session = SmtpClientSession.open(peer.hop(), SETTINGS, tls);
        opened.add(0, session::quit);
        return session;
    }

    private static void greet(SmtpPeer.Connection c, String... extensions) throws IOException {
        c.send("220 peer.test ESMTP");
        assertEquals("EHLO relay.passerelle.test", c.read());
        String[] reply = new String[extensions.length + 1];
        reply[0] = "250" + (extensions.length == 0 ? " " : "-") + "peer.test";
        for (int i = 0; i < extensions.length; i++) {
            reply[i + 1] = "250" + (i == extensions.length - 1 ? " " : "-") + extensions[i];
        }
        c.send(reply);
    }

    private static void quits(SmtpPeer.Connection c) throws IOException {
        assertEquals("QUIT", c.read());
        c.send("221 Bye");
    }

    /** MAIL and one RCPT, accepted one at a time; then the message, answered with the given reply. */
    private static void acceptOne(SmtpPeer.Connection c, String endReply) throws IOException {
        assertTrue(c.read().startsWith("MAIL FROM:<app@corp.test>"));
        c.send("250 Ok");
        assertTrue(c.read().startsWith("RCPT TO:<"));
        c.send("250 Ok");
        takeData(c, endReply);
    }

    private static void takeData(SmtpPeer.Connection c, String reply) throws IOException {
        assertEquals("DATA", c.read());
        c.send("354 go ahead");
        c.readData();
        c.send(reply);
    }

    @Test
    void pipelinesMailAndEveryRcptAndGivesEachRecipientItsReply() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "PIPELINING");
            // all four commands must arrive before any reply: a client waiting for one would stall here
            assertEquals("MAIL FROM:<app@corp.test>", c.read());
            assertEquals("RCPT TO:<a@example.org>", c.read());
            assertEquals("RCPT TO:<b@example.org>", c.read());
            assertEquals("RCPT TO:<c@example.org>", c.read());
            c.send("250 2.1.0 Ok", "250 2.1.5 Ok", "550 5.1.1 <b@example.org>: unknown", "450 4.2.2 mailbox full");
            takeData(c, "250 2.0.0 Ok: queued as X1");
        });

        DeliveryResult result = open(peer, TlsPolicy.MAY)
                .send(Messages.transaction("app@corp.test", "a@example.org", "b@example.org", "c@example.org"));

        assertArrayEquals(new String[] {"250 2.0.0 Ok: queued as X1", "550 5.1.1 <b@example.org>: unknown",
                "450 4.2.2 mailbox full"}, Messages.replies(result));
        assertFalse(result.tls());
    }

    @Test
    void aRefusedMailDecidesEveryRecipientEvenWhenPipelined() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "PIPELINING");
            c.read();
            c.read();
            c.send("553 5.7.1 sender rejected", "503 5.5.1 need MAIL");
            assertEquals("RSET", c.read());
            c.send("250 2.0.0 Ok");
        });
        SmtpClientSession session = open(peer, TlsPolicy.MAY);

        DeliveryResult result = session.send(Messages.transaction("app@corp.test", "a@example.org"));

        assertArrayEquals(new String[] {"553 5.7.1 sender rejected"}, Messages.replies(result));
        assertTrue(session.reset());
    }

    @Test
    void withoutPipeliningSendsNoRcptAfterARefusedMail() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c);
            assertEquals("MAIL FROM:<app@corp.test>", c.read());
            c.send("451 4.3.0 try later");
            quits(c);
        });

        DeliveryResult result = open(peer, TlsPolicy.MAY)
                .send(Messages.transaction("app@corp.test", "a@example.org", "b@example.org"));

        assertArrayEquals(new String[] {"451 4.3.0 try later", "451 4.3.0 try later"}, Messages.replies(result));
    }

    @Test
    void sendsTheDataDotStuffedAndEndsItWithADotLine() throws Exception {
        List<String> received = new ArrayList<>();
        SmtpPeer peer = peer(c -> {
            greet(c);
            c.read();
            c.send("250 Ok");
            c.read();
            c.send("250 Ok");
            assertEquals("DATA", c.read());
            c.send("354 go ahead");
            received.add(c.readData());
            c.send("250 Ok");
        });

        open(peer, TlsPolicy.MAY).send(Messages.carrying(".hidden\r\nok\r\n..two\r\n.", "app@corp.test", "a@example.org"));

        assertEquals(List.of("..hidden\r\nok\r\n...two\r\n..\r\n"), received);
    }

    @Test
    void fallsBackToHeloWhenEhloIsNotUnderstood() throws Exception {
        SmtpPeer peer = peer(c -> {
            c.send("220 old.peer.test SMTP");
            assertEquals("EHLO relay.passerelle.test", c.read());
            c.send("502 5.5.2 command not recognized");
            assertEquals("HELO relay.passerelle.test", c.read());
            c.send("250 old.peer.test");
            acceptOne(c, "250 queued");
        });

        assertArrayEquals(new String[] {"250 queued"},
                Messages.replies(open(peer, TlsPolicy.MAY).send(Messages.transaction("app@corp.test", "a@example.org"))));
    }

    @Test
    void aRefusedGreetingRefusesTheSession() throws Exception {
        SmtpPeer peer = peer(c -> {
            c.send("554 5.7.1 no mail from you");
            quits(c);
        });

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), SETTINGS, TlsPolicy.MAY));
        assertEquals("554 5.7.1 no mail from you", refused.reply().toString());
    }

    @Test
    void startsTlsWhenOfferedAndGreetsAgainOverIt() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "STARTTLS");
            assertEquals("STARTTLS", c.read());
            c.send("220 2.0.0 Ready to start TLS");
            c.startTls();
            assertEquals("EHLO relay.passerelle.test", c.read());
            c.send("250-peer.test", "250 PIPELINING");
            c.read();
            c.read();
            c.send("250 Ok", "250 Ok");
            takeData(c, "250 queued over TLS");
        });

        DeliveryResult result = open(peer, TlsPolicy.MAY).send(Messages.transaction("app@corp.test", "a@example.org"));

        assertArrayEquals(new String[] {"250 queued over TLS"}, Messages.replies(result));
        assertEquals("TLSv1.3", result.tlsProtocol());
    }

    @Test
    void negotiatesTls12WithANextHopThatHasNoTls13() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "STARTTLS");
            c.read();
            c.send("220 go");
            c.startTls("TLSv1.2");
            c.read();
            c.send("250 peer.test");
            acceptOne(c, "250 queued");
        });

        DeliveryResult result = open(peer, TlsPolicy.ENCRYPT).send(Messages.transaction("app@corp.test", "a@example.org"));

        assertEquals("TLSv1.2", result.tlsProtocol());
    }

    @Test
    void requiredTlsRefusesTheSessionWhenStartTlsIsNotOffered() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "PIPELINING");
            quits(c);
        });

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), SETTINGS, TlsPolicy.ENCRYPT));
        assertEquals("451 4.7.4 TLS is required (policy encrypt), but was not offered by " + peer.hop(), refused.reply().toString());
    }

    @Test
    void requiredTlsRefusesTheSessionWhenStartTlsIsRefused() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "STARTTLS");
            c.read();
            c.send("454 4.7.0 TLS not available");
            quits(c);
        });

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), SETTINGS, TlsPolicy.ENCRYPT));
        assertEquals("451 4.7.4 TLS is required (policy encrypt), but " + peer.hop() + " refused STARTTLS: 454 4.7.0 TLS not available",
                refused.reply().toString());
    }

    @Test
    void opportunisticTlsGoesOnInPlainTextWhenStartTlsIsRefused() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "STARTTLS");
            c.read();
            c.send("454 4.7.0 TLS not available");
            acceptOne(c, "250 queued in plain text");
        });

        DeliveryResult result = open(peer, TlsPolicy.MAY).send(Messages.transaction("app@corp.test", "a@example.org"));

        assertArrayEquals(new String[] {"250 queued in plain text"}, Messages.replies(result));
        assertNull(result.tlsProtocol());
    }

    /** First connection: STARTTLS accepted, then no TLS at all. Second: plain text, STARTTLS not tried. */
    private static SmtpPeer.Dialogue failingHandshakeThenPlainText() {
        return c -> {
            greet(c, "STARTTLS");
            if (c.number() == 1) {
                c.read();
                c.send("220 go");
                Thread.sleep(200);
                c.send("this is not TLS");
                return;
            }
            acceptOne(c, "250 queued in plain text");
        };
    }

    @Test
    void opportunisticTlsReconnectsInPlainTextAfterAFailedHandshake() throws Exception {
        SmtpPeer peer = peer(failingHandshakeThenPlainText());

        DeliveryResult result = open(peer, TlsPolicy.MAY).send(Messages.transaction("app@corp.test", "a@example.org"));

        assertArrayEquals(new String[] {"250 queued in plain text"}, Messages.replies(result));
        assertEquals(2, peer.connections());
    }

    @Test
    void requiredTlsRefusesTheSessionWhenTheHandshakeFails() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "STARTTLS");
            c.read();
            c.send("220 go");
            assertThrows(SSLHandshakeException.class, () -> c.startTls("TLSv1.1"));
        });

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), SETTINGS, TlsPolicy.ENCRYPT));
        assertTrue(refused.reply().toString().startsWith("451 4.7.5 TLS is required (policy encrypt), but the handshake with " + peer.hop() + " failed: "),
                refused.reply()::toString);
        assertEquals(1, peer.connections());
    }

    @Test
    void trustsNothingSentInPlainTextWithTheStartTlsReply() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "STARTTLS");
            c.read();
            c.send("220 go", "250-injected", "250 PIPELINING");
        });

        assertThrows(ProtocolException.class, () -> SmtpClientSession.open(peer.hop(), SETTINGS, TlsPolicy.MAY));
    }

    @Test
    void refusesAMessageOverTheDeclaredSizeLimitWithoutSendingIt() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "SIZE 10");
            quits(c);
        });

        DeliveryResult result = open(peer, TlsPolicy.MAY).send(Messages.transaction("app@corp.test", "a@example.org"));

        assertEquals("552 5.3.4 message of " + Messages.CONTENT.length() + " octets exceeds the limit of " + peer.hop() + " (10)",
                result.recipients().get(0).reply().toString());
    }

    @Test
    void bouncesAUtf8MessageWhenSmtpUtf8IsNotOffered() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "8BITMIME");
            quits(c);
        });
        MailTransaction utf8 = Messages.transaction("app@corp.test", "a@example.org").withBody(BodyType.EIGHT_BIT_MIME, true);

        DeliveryResult result = open(peer, TlsPolicy.MAY).send(utf8);

        assertEquals("550 5.6.7 SMTPUTF8 is required, but was not offered by " + peer.hop(),
                result.recipients().get(0).reply().toString());
    }

    @Test
    void passesSizeBodyAndSmtpUtf8ToANextHopThatOffersThem() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "SIZE 1000000", "8BITMIME", "SMTPUTF8");
            assertEquals("MAIL FROM:<app@corp.test> SIZE=" + Messages.CONTENT.length() + " BODY=8BITMIME SMTPUTF8", c.read());
            c.send("250 Ok");
            assertEquals("RCPT TO:<zoë@example.org>", c.read());
            c.send("250 Ok");
            takeData(c, "250 queued");
        });
        MailTransaction utf8 = Messages.transaction("app@corp.test", "zoë@example.org").withBody(BodyType.EIGHT_BIT_MIME, false);

        assertArrayEquals(new String[] {"250 queued"}, Messages.replies(open(peer, TlsPolicy.MAY).send(utf8)));
    }

    @Test
    void aConnectionLostAfterTheFirstReplyDefersTheUndecidedRecipients() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c, "PIPELINING");
            c.read();
            c.read();
            c.read();
            c.send("250 Ok", "550 5.1.1 unknown", "250 Ok");
            assertEquals("DATA", c.read());
        });
        SmtpClientSession session = open(peer, TlsPolicy.MAY);

        DeliveryResult result = session.send(Messages.transaction("app@corp.test", "a@example.org", "b@example.org"));

        assertEquals("550 5.1.1 unknown", result.recipients().get(0).reply().toString());
        assertTrue(result.recipients().get(1).reply().toString().startsWith("451 4.4.2 lost connection with " + peer.hop()),
                result.recipients().get(1).reply()::toString);
        assertFalse(session.usable());
    }

    @Test
    void aConnectionLostBeforeAnyReplyLeavesTheTransactionUntouched() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c);
            c.read();
        });
        SmtpClientSession session = open(peer, TlsPolicy.MAY);
        InputStream content = new ByteArrayInputStream(Messages.CONTENT.getBytes());
        MailTransaction transaction = MailTransaction.of(null, Messages.transaction("", "a@example.org").recipients(), content, 10);

        assertThrows(StaleSessionException.class, () -> session.send(transaction));
        assertEquals(Messages.CONTENT.length(), content.available(), "the content was not read");
        assertFalse(session.usable());
    }

    @Test
    void resetsBetweenTransactionsAndQuitsAtTheEnd() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c);
            assertEquals("RSET", c.read());
            c.send("250 2.0.0 Ok");
            assertEquals("QUIT", c.read());
            c.send("221 2.0.0 Bye");
            assertTrue(c.closedByClient());
        });
        SmtpClientSession session = SmtpClientSession.open(peer.hop(), SETTINGS, TlsPolicy.MAY);

        assertTrue(session.reset());
        session.quit();
        assertFalse(session.usable());
    }

    @Test
    void abortsAWriteTheNextHopStopsReading() throws Exception {
        SmtpPeer peer = peer(c -> {
            greet(c);
            c.read();
            c.send("250 Ok");
            c.read();
            c.send("250 Ok");
            c.read();
            c.send("354 go ahead");
            c.holdUntilClosed();
        });
        SessionSettings impatient = new SessionSettings("relay.passerelle.test", Duration.ofSeconds(5), Duration.ofMillis(500));
        SmtpClientSession session = SmtpClientSession.open(peer.hop(), impatient, TlsPolicy.MAY);
        opened.add(0, session::close);
        long size = 256L << 20;
        InputStream endless = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? left % 72 == 0 ? '\n' : 'x' : -1;
            }
        };
        MailTransaction big = MailTransaction.of(null, Messages.transaction("", "a@example.org").recipients(), endless, size);

        CompletableFuture<DeliveryResult> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return session.send(big);
            } catch (StaleSessionException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!sending.isDone()) {
            Thread.sleep(100);
            session.abortIfStalled(System.nanoTime());
        }

        String reply = sending.get(1, TimeUnit.SECONDS).recipients().get(0).reply().toString();
        assertTrue(reply.startsWith("451 4.4.2 lost connection with " + peer.hop()), reply);
    }
}
