package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the certificate the test server generated for itself (its
 * {@code configuration/https.p12}), read at each handshake since the server writes it on the first.
 * The host name is not checked: the server listens on 127.0.0.1 while its certificate names its
 * {@code PSL_HOSTNAME}.
 */
final class ServerCertificateTrust extends X509ExtendedTrustManager {

    private static final char[] PASSWORD = "passerelle".toCharArray();

    private final Path keystore;

    private ServerCertificateTrust(Path keystore) {
        this.keystore = keystore;
    }

    static SSLContext of(Path keystore) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ServerCertificateTrust(keystore)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain.length == 0 || !serverCertificates().contains(chain[0])) {
            throw new CertificateException("not the certificate in " + keystore);
        }
    }

    private List<Certificate> serverCertificates() throws CertificateException {
        if (!Files.exists(keystore)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return Collections.list(store.aliases()).stream().map(alias -> {
                try {
                    return store.getCertificate(alias);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException | GeneralSecurityException e) {
            throw new CertificateException("cannot read " + keystore, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client's trust manager only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client's trust manager only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client's trust manager only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
