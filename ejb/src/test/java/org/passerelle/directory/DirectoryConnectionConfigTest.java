package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * Passerelle's own LDAP connections over StartTLS and ldaps:// against a real directory server:
 * a certificate that a trusted authority signed for another host is refused, one for the URL's
 * host is taken.
 */
class DirectoryConnectionConfigTest {

    private static final String PASSWORD = "changeit";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private InMemoryDirectoryServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    /** A PKCS#12 keystore holding one self-signed certificate with the subject alternative names given ({@code ip:…}, {@code dns:…}). */
    private Path keystore(String names) throws Exception {
        Path store = dir.resolve(names.replaceAll("\\W", "_") + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "directory", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=directory",
                "-ext", "san=" + names, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        return store;
    }

    /** Trusts the keystore's certificate, as a trust store holding it would. */
    private static X509TrustManager trusting(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("directory", keys.getCertificate("directory"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** A directory on 127.0.0.1 serving the keystore's certificate over StartTLS, or from the start for ldaps. */
    private String start(Path store, boolean ldaps) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=passerelle,dc=test");
        config.addAdditionalBindCredentials("cn=admin,dc=passerelle,dc=test", "secret");
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(store.toFile(), PASSWORD.toCharArray(), "PKCS12", "directory"), null);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        config.setListenerConfigs(ldaps
                ? InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, tls.createSSLServerSocketFactory(), null)
                : InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, tls.createSSLSocketFactory()));
        server = new InMemoryDirectoryServer(config);
        server.startListening();
        return (ldaps ? "ldaps" : "ldap") + "://127.0.0.1:" + server.getListenPort();
    }

    private static void bind(LdapConnectionConfig config) throws Exception {
        try (LdapNetworkConnection connection = new LdapNetworkConnection(config)) {
            connection.setTimeOut(TIMEOUT.toMillis());
            connection.bind("cn=admin,dc=passerelle,dc=test", "secret");
            assertTrue(connection.isSecured(), "the bind went over TLS");
        }
    }

    @Test
    void startTlsRefusesATrustedCertificateForAnotherHost() throws Exception {
        Path wrongName = keystore("dns:ldap.elsewhere.test");
        String url = start(wrongName, false);

        assertThrows(LdapException.class, () -> bind(DirectoryConnectionConfig.of(url, true, trusting(wrongName), TIMEOUT)));
    }

    @Test
    void ldapsRefusesATrustedCertificateForAnotherHost() throws Exception {
        Path wrongName = keystore("dns:ldap.elsewhere.test");
        String url = start(wrongName, true);

        assertThrows(LdapException.class, () -> bind(DirectoryConnectionConfig.of(url, false, trusting(wrongName), TIMEOUT)));
    }

    @Test
    void startTlsTakesACertificateForTheUrlsAddress() throws Exception {
        Path rightName = keystore("ip:127.0.0.1,dns:localhost");
        String url = start(rightName, false);

        bind(DirectoryConnectionConfig.of(url, true, trusting(rightName), TIMEOUT));
    }

    @Test
    void ldapsTakesACertificateForTheUrlsAddress() throws Exception {
        Path rightName = keystore("ip:127.0.0.1,dns:localhost");
        String url = start(rightName, true);

        bind(DirectoryConnectionConfig.of(url, false, trusting(rightName), TIMEOUT));
    }

    @Test
    void aCertificateForTheRightNameThatNobodyTrustedSignedIsRefused() throws Exception {
        Path rightName = keystore("ip:127.0.0.1,dns:localhost");
        Path other = keystore("dns:other.test");
        String url = start(rightName, false);

        assertThrows(LdapException.class, () -> bind(DirectoryConnectionConfig.of(url, true, trusting(other), TIMEOUT)));
    }
}
