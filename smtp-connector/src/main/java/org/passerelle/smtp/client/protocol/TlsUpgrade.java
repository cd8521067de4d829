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

/**
 * Turns a connection on which the next hop agreed to STARTTLS into a TLS 1.2 or 1.3 one.
 * The next hop's certificate is not verified: MX host names seldom match certificates, and
 * encryption without authentication is what opportunistic STARTTLS gives (RFC 7435; Postfix's
 * {@code may} and {@code encrypt} levels do the same).
 */
final class TlsUpgrade {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final SSLContext CONTEXT = unauthenticated();

    private TlsUpgrade() {
    }

    /** The TLS socket over {@code plain}, handshake done; closing it closes {@code plain}. */
    static SSLSocket over(Socket plain, NextHop hop) throws IOException {
        SSLSocket tls = (SSLSocket) CONTEXT.getSocketFactory().createSocket(plain, hop.host(), hop.port(), true);
        tls.setUseClientMode(true);
        tls.setEnabledProtocols(Arrays.stream(tls.getSupportedProtocols()).filter(PROTOCOLS::contains).toArray(String[]::new));
        tls.startHandshake();
        return tls;
    }

    private static SSLContext unauthenticated() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
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
