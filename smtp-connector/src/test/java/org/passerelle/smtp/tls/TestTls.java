package org.passerelle.smtp.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The tests' certificate: a self-signed one made by the listener code itself, once per test run,
 * and a client TLS context that trusts it and nothing else.
 */
public final class TestTls {

    public static final String HOST = "mx.test.example";

    private static TlsSettings settings;

    private TestTls() {
    }

    /** Listener settings with the tests' self-signed certificate, created on first use. */
    public static synchronized TlsSettings settings() {
        if (settings == null) {
            try {
                Path directory = Files.createTempDirectory("passerelle-tls-");
                directory.toFile().deleteOnExit();
                settings = new TlsSettings(null, null, null, directory.resolve("self-signed.p12"));
                ServerTls.context(settings, HOST);
                settings.selfSignedKeystore().toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return settings;
    }

    /** A client context that trusts the certificate of a self-signed keystore only. */
    public static SSLContext trusting(Path keystore) {
        return trusting(keystore, SelfSignedCertificate.PASSWORD);
    }

    /** A client context that trusts the certificates in {@code keystore} only. */
    public static SSLContext trusting(Path keystore, char[] password) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStore.getInstance(keystore.toFile(), password));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust " + keystore, e);
        }
    }

    /**
     * A PKCS#12 keystore at {@code file}, password {@code password}, holding one self-signed key
     * per host name, each under its host name as alias.
     */
    public static void keystore(Path file, String password, String... hostNames) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (String host : hostNames) {
                Path single = Files.createTempFile("passerelle-key-", ".p12");
                Files.delete(single);
                KeyStore one = SelfSignedCertificate.load(single, host);
                Files.delete(single);
                store.setKeyEntry(host, one.getKey(SelfSignedCertificate.ALIAS, SelfSignedCertificate.PASSWORD),
                        password.toCharArray(), one.getCertificateChain(SelfSignedCertificate.ALIAS));
            }
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a test keystore", e);
        }
    }

    /** A client context that trusts the tests' certificate. */
    public static SSLContext clientContext() {
        return trusting(settings().selfSignedKeystore());
    }
}
