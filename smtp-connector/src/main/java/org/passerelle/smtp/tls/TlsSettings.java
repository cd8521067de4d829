package org.passerelle.smtp.tls;

import java.nio.file.Path;

/**
 * Where a listener's certificate comes from. The password never appears in {@link #toString()}.
 *
 * @param keystore           a PKCS#12 or JKS keystore holding the key and its certificate chain;
 *                           {@code null} for none
 * @param keystorePassword   the password of that keystore (and of its key)
 * @param keyAlias           which key of the keystore to use; {@code null} for the only one
 * @param selfSignedKeystore where a self-signed certificate is kept when there is no keystore:
 *                           created on first start, reused afterwards; {@code null} for none
 */
public record TlsSettings(Path keystore, String keystorePassword, String keyAlias, Path selfSignedKeystore) {

    /** No certificate: the listener offers no TLS. */
    public static final TlsSettings NONE = new TlsSettings(null, null, null, null);

    public TlsSettings {
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("keystore " + keystore + " needs a keystore password");
        }
        if (keyAlias != null && keystore == null) {
            throw new IllegalArgumentException("a key alias needs a keystore");
        }
    }

    /** Whether a certificate can be had: a keystore, or a place to keep a self-signed one. */
    public boolean available() {
        return keystore != null || selfSignedKeystore != null;
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", keystorePassword=" + (keystorePassword == null ? null : "****")
                + ", keyAlias=" + keyAlias + ", selfSignedKeystore=" + selfSignedKeystore + "]";
    }
}
