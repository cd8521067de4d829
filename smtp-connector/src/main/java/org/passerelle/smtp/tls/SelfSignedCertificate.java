package org.passerelle.smtp.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for a listener that has no keystore: made once, kept in a PKCS#12 file
 * readable by its owner only, and read from there on later starts, so clients that pinned it keep
 * seeing the same one. BouncyCastle builds the certificate; the JDK has no public API for it.
 */
final class SelfSignedCertificate {

    static final String ALIAS = "passerelle";
    /** The file is protected by its permissions; a certificate nobody trusts needs no secret password. */
    static final char[] PASSWORD = "passerelle-self-signed".toCharArray();

    private static final Logger LOG = Logger.getLogger(SelfSignedCertificate.class.getName());
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {
    }

    /** The keystore in {@code file}, created first if there is none. */
    static KeyStore load(Path file, String hostName) throws IOException, GeneralSecurityException {
        // listeners of one server may share the file and start together
        synchronized (SelfSignedCertificate.class) {
            if (!Files.exists(file)) {
                create(file, hostName);
            }
            return KeyStore.getInstance(file.toFile(), PASSWORD);
        }
    }

    private static void create(Path file, String hostName) throws IOException, GeneralSecurityException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        store.setKeyEntry(ALIAS, pair.getPrivate(), PASSWORD, new Certificate[] {certificate(pair, hostName)});
        Path partial = Files.createTempFile(directory, ".self-signed-", ".p12");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            try (OutputStream out = Files.newOutputStream(partial)) {
                store.store(out, PASSWORD);
            }
            // a whole file or none: another process may be reading it
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "created a self-signed certificate for " + hostName + " in " + file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static X509Certificate certificate(KeyPair pair, String hostName) throws GeneralSecurityException {
        X500Principal subject = new X500Principal("CN=" + hostName.replaceAll("[,+=\"\\\\<>;#]", "_"));
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build a self-signed certificate for " + hostName, e);
        }
    }
}
