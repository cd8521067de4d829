package org.passerelle.smtp.client;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate made for a test, with the names asked for ({@code DNS:host},
 * {@code IP:address}), the TLS context a peer serves it with, and a trust manager that trusts it
 * and nothing else, as a CA file holding it would.
 */
public record PeerCertificate(X509Certificate certificate, SSLContext server) {

    private static final char[] PASSWORD = "peer".toCharArray();

    public static PeerCertificate of(String commonName, String... alternativeNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=" + commonName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            if (alternativeNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(alternativeNames)
                        .map(name -> name.startsWith("IP:")
                                ? new GeneralName(GeneralName.iPAddress, name.substring(3))
                                : new GeneralName(GeneralName.dNSName, name.substring(4)))
                        .toArray(GeneralName[]::new)));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("peer", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(managers.getKeyManagers(), null, null);
            return new PeerCertificate(certificate, server);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** Trusts this certificate only, as its own authority. */
    public X509TrustManager trusted() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("peer", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String sha256() {
        return ServerCertificate.sha256(certificate);
    }
}
