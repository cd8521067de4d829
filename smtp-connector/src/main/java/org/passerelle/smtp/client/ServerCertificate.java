package org.passerelle.smtp.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a TLS client checks of a server's certificate beyond its signatures: that it names the host
 * the client meant to reach (RFC 6125), or that it is the one pinned by its SHA-256 fingerprint.
 * Both Passerelle's TLS clients use it: the SMTP client's {@code verify} level and the directory's
 * LDAP connections.
 *
 * <p>Names: an IP address matches an {@code iPAddress} subject alternative name; a host name
 * matches a {@code dNSName} one, ignoring case, where {@code *.example.test} stands for one label
 * (never for {@code example.test} itself, nor two labels). The subject's common name counts only
 * on a certificate without any {@code dNSName}, as RFC 6125 §6.4.4 allows for older certificates.
 */
public final class ServerCertificate {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerCertificate() {
    }

    /** Whether the certificate names the host (a host name or an IP address). */
    public static boolean names(X509Certificate certificate, String host) {
        return mismatch(certificate, host) == null;
    }

    /** The SHA-256 fingerprint of the certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot take the fingerprint of a certificate", e);
        }
    }

    /**
     * A trust manager that accepts a server only if {@code trusted} accepts its chain and its
     * certificate names {@code host}; the exception says which names it holds instead.
     */
    public static X509TrustManager checkingName(X509TrustManager trusted, String host) {
        return new ServerCheck(trusted) {
            @Override
            void check(X509Certificate server) throws CertificateException {
                String mismatch = mismatch(server, host);
                if (mismatch != null) {
                    throw new CertificateException(mismatch);
                }
            }
        };
    }

    /** A trust manager that accepts only a server certificate of one of the fingerprints, whoever signed it. */
    public static X509TrustManager pinned(List<String> sha256Fingerprints) {
        return new ServerCheck(null) {
            @Override
            void check(X509Certificate server) throws CertificateException {
                String fingerprint = sha256(server);
                if (!sha256Fingerprints.contains(fingerprint)) {
                    throw new CertificateException("the certificate's SHA-256 fingerprint " + fingerprint
                            + " is not one of the policy's");
                }
            }
        };
    }

    /** The JVM's trust store ({@code file} null), or the CA certificates of a PEM file. */
    public static X509TrustManager authorities(Path file) {
        try {
            KeyStore store = null;
            if (file != null) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(file)) {
                    int n = 0;
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + n++, certificate);
                    }
                    if (n == 0) {
                        throw new IllegalArgumentException("no certificate in the CA file " + file);
                    }
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this Java runtime");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Why the certificate does not name the host, or {@code null} when it does. */
    private static String mismatch(X509Certificate certificate, String host) {
        String wanted = host.toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
        InetAddress address = ipAddress(wanted);
        List<String> dnsNames = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (List<?> name : alternativeNames(certificate)) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (type == DNS_NAME) {
                dnsNames.add(value);
                held.add("DNS:" + value);
                if (address == null && dnsMatch(value, wanted)) {
                    return null;
                }
            } else if (type == IP_ADDRESS) {
                held.add("IP:" + value);
                if (address != null && address.equals(ipAddress(value))) {
                    return null;
                }
            }
        }
        if (dnsNames.isEmpty() && address == null) {
            String common = commonName(certificate);
            if (common != null) {
                held.add("CN=" + common);
                if (dnsMatch(common, wanted)) {
                    return null;
                }
            }
        }
        return "the certificate is for " + (held.isEmpty() ? "no name" : String.join(", ", held)) + ", not for " + host;
    }

    private static boolean dnsMatch(String pattern, String host) {
        String name = pattern.toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
        if (!name.startsWith("*.")) {
            return name.equals(host);
        }
        String parent = name.substring(2);
        int dot = host.indexOf('.');
        return parent.contains(".") && dot > 0 && host.substring(dot + 1).equals(parent);
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            String common = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    common = String.valueOf(rdn.getValue());
                }
            }
            return common;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    /** The address of an IP literal, never a DNS lookup; {@code null} for a host name. */
    private static InetAddress ipAddress(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !bare.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The chain checked by {@code trusted} when there is one, then the server's own certificate by {@link #check}. */
    private abstract static class ServerCheck implements X509TrustManager {

        private final X509TrustManager trusted;

        ServerCheck(X509TrustManager trusted) {
            this.trusted = trusted;
        }

        abstract void check(X509Certificate server) throws CertificateException;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            if (trusted != null) {
                trusted.checkServerTrusted(chain, authType);
            }
            check(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trusted == null ? new X509Certificate[0] : trusted.getAcceptedIssuers();
        }
    }
}
