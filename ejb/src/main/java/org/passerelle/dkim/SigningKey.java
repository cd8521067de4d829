package org.passerelle.dkim;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * An active key, parsed once and kept in memory ({@link DkimSigning}): the domain it signs for
 * ({@code d=}), its selector ({@code s=}) and the private key. Its {@code toString} never shows the key.
 */
public record SigningKey(String domain, String selector, PrivateKey privateKey) {

    static SigningKey parse(String domain, String selector, byte[] pkcs8) {
        try {
            return new SigningKey(domain, selector, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("the DKIM key " + selector + " of " + domain + " cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + selector + "._domainkey." + domain + "]";
    }
}
