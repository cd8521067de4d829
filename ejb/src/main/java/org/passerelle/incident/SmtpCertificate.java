package org.passerelle.incident;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate Passerelle's SMTP listeners present, read as a client sees it: a TLS handshake
 * with the implicit-TLS listener (port 465's), whatever keystore it came from. Only the handshake
 * is made, so the certificate is taken as it is, trusted or not: its dates are what matter here.
 */
final class SmtpCertificate {

    private static final int TIMEOUT_MILLIS = 5_000;

    private SmtpCertificate() {
    }

    /** The listener's address to connect to: its bind address, the loopback one for a wildcard. */
    static String host(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> bindAddress;
        };
    }

    static X509Certificate presented(String host, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return (X509Certificate) chain[0];
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS client: " + e.getMessage(), e);
        }
    }

    // Reads the certificate without judging it: this is a look at its dates, not a connection to trust.
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
