package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.Messages;
import org.passerelle.smtp.client.PeerCertificate;
import org.passerelle.smtp.client.ServerCertificate;
import org.passerelle.smtp.client.SmtpPeer;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * The TLS policy levels against a real TLS peer on 127.0.0.1: {@code verify} checks the authority
 * and the name, {@code fingerprint} the pinned certificate, {@code none} never tries STARTTLS, and
 * a refused certificate ends the attempt with a 4.7.5 that says why, with no plain-text retry.
 */
class TlsPolicyLevelsTest {

    private static final PeerCertificate FOR_LOOPBACK = PeerCertificate.of("127.0.0.1", "IP:127.0.0.1", "DNS:localhost");
    private static final PeerCertificate FOR_ANOTHER_NAME = PeerCertificate.of("mx.elsewhere.test", "DNS:mx.elsewhere.test");

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private static SessionSettings trusting(X509TrustManager authorities) {
        return new SessionSettings("relay.passerelle.test", Duration.ofSeconds(5), Duration.ofSeconds(5), authorities);
    }

    /** A peer that offers STARTTLS and serves the certificate; {@code accepts}: whether the client should go on over it. */
    private SmtpPeer peer(PeerCertificate certificate, boolean accepts) throws IOException {
        SmtpPeer peer = SmtpPeer.start(c -> {
            c.send("220 peer.test ESMTP");
            assertEquals("EHLO relay.passerelle.test", c.read());
            c.send("250-peer.test", "250 STARTTLS");
            assertEquals("STARTTLS", c.read());
            c.send("220 2.0.0 Ready to start TLS");
            if (!accepts) {
                try {
                    c.startTls(certificate.server());
                    c.read();
                    fail("the client went on over TLS with a certificate it should have refused");
                } catch (IOException refused) {
                    return;
                }
            }
            c.startTls(certificate.server());
            assertEquals("EHLO relay.passerelle.test", c.read());
            c.send("250 peer.test");
            assertTrue(c.read().startsWith("MAIL FROM:<app@corp.test>"));
            c.send("250 Ok");
            assertTrue(c.read().startsWith("RCPT TO:<"));
            c.send("250 Ok");
            assertEquals("DATA", c.read());
            c.send("354 go ahead");
            c.readData();
            c.send("250 queued over checked TLS");
            assertEquals("QUIT", c.read());
            c.send("221 Bye");
        });
        opened.add(peer);
        return peer;
    }

    private DeliveryResult deliver(SmtpPeer peer, SessionSettings settings, TlsPolicy policy) throws Exception {
        SmtpClientSession session = SmtpClientSession.open(peer.hop(), settings, policy);
        opened.add(0, session::quit);
        return session.send(Messages.transaction("app@corp.test", "a@example.org"));
    }

    @Test
    void verifyRefusesATrustedCertificateForAnotherName() throws Exception {
        SmtpPeer peer = peer(FOR_ANOTHER_NAME, false);

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), trusting(FOR_ANOTHER_NAME.trusted()), TlsPolicy.VERIFY));

        String reply = refused.reply().toString();
        assertTrue(reply.startsWith("451 4.7.5 TLS is required (policy verify), but the handshake with " + peer.hop() + " failed: "), reply);
        assertTrue(reply.contains("the certificate is for DNS:mx.elsewhere.test, not for 127.0.0.1"), reply);
        assertEquals(1, peer.connections(), "no second attempt in plain text");
    }

    @Test
    void verifyRefusesACertificateForTheRightNameThatNoTrustedAuthoritySigned() throws Exception {
        SmtpPeer peer = peer(FOR_LOOPBACK, false);

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), trusting(ServerCertificate.authorities(null)), TlsPolicy.VERIFY));

        assertTrue(refused.reply().toString().startsWith("451 4.7.5"), refused.reply()::toString);
    }

    @Test
    void verifyDeliversToATrustedCertificateForTheNextHopsAddress() throws Exception {
        SmtpPeer peer = peer(FOR_LOOPBACK, true);

        DeliveryResult result = deliver(peer, trusting(FOR_LOOPBACK.trusted()), TlsPolicy.VERIFY);

        assertArrayEquals(new String[] {"250 queued over checked TLS"}, Messages.replies(result));
        assertTrue(result.tls());
    }

    @Test
    void fingerprintDeliversToThePinnedCertificateWhoeverSignedIt() throws Exception {
        SmtpPeer peer = peer(FOR_ANOTHER_NAME, true);

        DeliveryResult result = deliver(peer, trusting(ServerCertificate.authorities(null)),
                TlsPolicy.parse("fingerprint match=" + FOR_LOOPBACK.sha256() + "|" + FOR_ANOTHER_NAME.sha256()));

        assertArrayEquals(new String[] {"250 queued over checked TLS"}, Messages.replies(result));
    }

    @Test
    void fingerprintRefusesAnotherCertificate() throws Exception {
        SmtpPeer peer = peer(FOR_ANOTHER_NAME, false);

        SessionRefusedException refused = assertThrows(SessionRefusedException.class,
                () -> SmtpClientSession.open(peer.hop(), trusting(FOR_ANOTHER_NAME.trusted()), TlsPolicy.fingerprint(FOR_LOOPBACK.sha256())));

        String reply = refused.reply().toString();
        assertTrue(reply.startsWith("451 4.7.5 TLS is required (policy fingerprint)"), reply);
        assertTrue(reply.contains("fingerprint " + FOR_ANOTHER_NAME.sha256() + " is not one of the policy's"), reply);
    }

    @Test
    void encryptTakesAnyCertificate() throws Exception {
        SmtpPeer peer = peer(FOR_ANOTHER_NAME, true);

        DeliveryResult result = deliver(peer, trusting(ServerCertificate.authorities(null)), TlsPolicy.ENCRYPT);

        assertArrayEquals(new String[] {"250 queued over checked TLS"}, Messages.replies(result));
    }

    @Test
    void noneNeverStartsTlsEvenWhenOffered() throws Exception {
        SmtpPeer peer = SmtpPeer.start(c -> {
            c.send("220 peer.test ESMTP");
            c.read();
            c.send("250-peer.test", "250 STARTTLS");
            assertTrue(c.read().startsWith("MAIL FROM:"), "MAIL, not STARTTLS");
            c.send("250 Ok");
            c.read();
            c.send("250 Ok");
            assertEquals("DATA", c.read());
            c.send("354 go ahead");
            c.readData();
            c.send("250 queued in plain text");
            c.read();
            c.send("221 Bye");
        });
        opened.add(peer);

        DeliveryResult result = deliver(peer, trusting(ServerCertificate.authorities(null)), TlsPolicy.NONE);

        assertArrayEquals(new String[] {"250 queued in plain text"}, Messages.replies(result));
        assertFalse(result.tls());
    }

    @Test
    void aConnectionIsReusedOnlyUnderAPolicyItSatisfies() throws Exception {
        SmtpPeer peer = peer(FOR_LOOPBACK, true);
        SmtpClientSession session = SmtpClientSession.open(peer.hop(), trusting(FOR_LOOPBACK.trusted()), TlsPolicy.ENCRYPT);
        opened.add(0, session::quit);

        assertTrue(session.satisfies(TlsPolicy.MAY));
        assertTrue(session.satisfies(TlsPolicy.ENCRYPT));
        assertFalse(session.satisfies(TlsPolicy.VERIFY), "a certificate taken unchecked is no checked one");
        assertFalse(session.satisfies(TlsPolicy.fingerprint(FOR_LOOPBACK.sha256())));
        session.send(Messages.transaction("app@corp.test", "a@example.org"));
    }
}
