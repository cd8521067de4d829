package org.passerelle.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

/** Host names and addresses against certificates, as RFC 6125 has them. */
class ServerCertificateTest {

    private static final X509Certificate MX = PeerCertificate.of("ignored.test", "DNS:mx1.example.test", "DNS:*.relay.example.test",
            "IP:192.0.2.25", "IP:2001:db8::25").certificate();
    private static final X509Certificate COMMON_NAME_ONLY = PeerCertificate.of("Mail.Example.Test").certificate();

    @Test
    void aHostNameMatchesADnsNameIgnoringCaseAndTheFinalDot() {
        assertTrue(ServerCertificate.names(MX, "mx1.example.test"));
        assertTrue(ServerCertificate.names(MX, "MX1.Example.Test."));
        assertFalse(ServerCertificate.names(MX, "mx2.example.test"));
    }

    @Test
    void aWildcardStandsForExactlyOneLeftmostLabel() {
        assertTrue(ServerCertificate.names(MX, "a.relay.example.test"));
        assertFalse(ServerCertificate.names(MX, "relay.example.test"));
        assertFalse(ServerCertificate.names(MX, "a.b.relay.example.test"));
    }

    @Test
    void anAddressMatchesOnlyAnIpAddressName() {
        assertTrue(ServerCertificate.names(MX, "192.0.2.25"));
        assertTrue(ServerCertificate.names(MX, "2001:db8:0:0:0:0:0:25"));
        assertFalse(ServerCertificate.names(MX, "192.0.2.26"));
        assertFalse(ServerCertificate.names(COMMON_NAME_ONLY, "192.0.2.25"));
    }

    @Test
    void theCommonNameCountsOnlyWithoutDnsNames() {
        assertTrue(ServerCertificate.names(COMMON_NAME_ONLY, "mail.example.test"));
        assertFalse(ServerCertificate.names(MX, "ignored.test"));
    }

    @Test
    void theNameCheckSaysWhichNamesTheCertificateHolds() {
        PeerCertificate peer = PeerCertificate.of("x", "DNS:mx.elsewhere.test");
        X509TrustManager check = ServerCertificate.checkingName(peer.trusted(), "mx.example.test");

        CertificateException refused = assertThrows(CertificateException.class,
                () -> check.checkServerTrusted(new X509Certificate[] {peer.certificate()}, "ECDHE_ECDSA"));
        assertEquals("the certificate is for DNS:mx.elsewhere.test, not for mx.example.test", refused.getMessage());
    }

    @Test
    void theNameCheckStillWantsATrustedChain() {
        PeerCertificate trusted = PeerCertificate.of("x", "DNS:mx.example.test");
        PeerCertificate stranger = PeerCertificate.of("x", "DNS:mx.example.test");

        assertThrows(CertificateException.class, () -> ServerCertificate.checkingName(trusted.trusted(), "mx.example.test")
                .checkServerTrusted(new X509Certificate[] {stranger.certificate()}, "ECDHE_ECDSA"));
    }
}
