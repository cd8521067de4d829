package org.passerelle.smtp.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The server side of a listener's TLS: its key and certificate, and TLS 1.3 and 1.2 only
 * (RFC 8996 deprecates the older versions; RFC 8314 §4.1 asks for 1.2 at least).
 */
public final class ServerTls {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTls() {
    }

    /**
     * The TLS context of a listener, or {@code null} when it has no certificate to offer.
     *
     * @throws IOException when the keystore cannot be read or the self-signed one cannot be written
     */
    public static SslContext context(TlsSettings settings, String hostName) throws IOException {
        if (!settings.available()) {
            return null;
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (settings.keystore() != null) {
                char[] password = settings.keystorePassword().toCharArray();
                keys.init(onlyKey(KeyStore.getInstance(settings.keystore().toFile(), password), settings.keyAlias(),
                        password), password);
            } else {
                keys.init(SelfSignedCertificate.load(settings.selfSignedKeystore(), hostName),
                        SelfSignedCertificate.PASSWORD);
            }
            return SslContextBuilder.forServer(keys)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            String source = settings.keystore() != null ? settings.keystore().toString()
                    : settings.selfSignedKeystore().toString();
            throw new IOException("cannot use the TLS keystore " + source + ": " + e.getMessage(), e);
        }
    }

    /** The keystore itself, or a copy holding only the key of {@code alias}: the key manager offers what it finds. */
    private static KeyStore onlyKey(KeyStore store, String alias, char[] password) throws GeneralSecurityException,
            IOException {
        if (alias == null) {
            return store;
        }
        if (!store.isKeyEntry(alias)) {
            throw new GeneralSecurityException("no key named " + alias + " (it has " + Collections.list(store.aliases())
                    + ")");
        }
        KeyStore one = KeyStore.getInstance("PKCS12");
        one.load(null, null);
        Certificate[] chain = store.getCertificateChain(alias);
        one.setKeyEntry(alias, store.getKey(alias, password), password, chain);
        return one;
    }
}
