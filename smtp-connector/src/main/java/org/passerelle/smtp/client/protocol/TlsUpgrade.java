package org.passerelle.smtp.client.protocol;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.ServerCertificate;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * Turns a connection on which the next hop agreed to STARTTLS into a TLS 1.2 or 1.3 one, checking
 * the certificate as the policy says: not at all under {@code may} and {@code encrypt} (MX host
 * names seldom match certificates, and encryption without authentication is what opportunistic
 * STARTTLS gives, RFC 7435), against the trusted authorities and the next hop's host name under
 * {@code verify}, against the pinned fingerprints under {@code fingerprint}.
 */
final class TlsUpgrade {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final SSLContext UNAUTHENTICATED = context(new AnyCertificate());

    private TlsUpgrade() {
    }

    /**
     * The TLS socket over {@code plain}, handshake done; closing it closes {@code plain}.
     *
     * @param authorities who may sign a certificate under {@code verify}
     */
    static SSLSocket over(Socket plain, NextHop hop, TlsPolicy policy, X509TrustManager authorities) throws IOException {
        SSLContext context = switch (policy.level()) {
            case VERIFY -> context(ServerCertificate.checkingName(authorities, hop.host()));
            case FINGERPRINT -> context(ServerCertificate.pinned(policy.fingerprints()));
            default -> UNAUTHENTICATED;
        };
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, hop.host(), hop.port(), true);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(Arrays.stream(tls.getSupportedProtocols()).filter(PROTOCOLS::contains).toArray(String[]::new));
        tls.startHandshake();
        return tls;
    }

    private static SSLContext context(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java runtime", e);
        }
    }

    private static final class AnyCertificate implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately unauthenticated: see the class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
