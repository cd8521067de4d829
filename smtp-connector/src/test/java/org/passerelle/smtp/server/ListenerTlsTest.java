package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.tls.TestTls;
import org.passerelle.smtp.tls.TlsSettings;

/** Real TLS with the JDK's client: the versions a listener speaks, and where its certificate comes from. */
class ListenerTlsTest {

    private static final String GREETING = "220 mx.test.example ESMTP Passerelle";

    private final RecordingListener listener = new RecordingListener();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void speaksTls13FromTheFirstByteOnASubmissionsListener() throws IOException {
        SmtpServer server = start(ListenerMode.SUBMISSIONS, TestTls.settings());
        SmtpClient client = open(new SmtpClient(server.port(), TestTls.clientContext()));

        assertEquals(GREETING, client.reply());
        assertEquals("connect test tls=TLSv1.3", listener.calls.get(0));
    }

    @Test
    void speaksTls12WithAClientThatOffersNothingNewer() throws IOException {
        SmtpServer server = start(ListenerMode.SUBMISSIONS, TestTls.settings());
        SmtpClient client = open(new SmtpClient(server.port(), TestTls.clientContext(), "TLSv1.2"));

        assertEquals(GREETING, client.reply());
        assertEquals("connect test tls=TLSv1.2", listener.calls.get(0));
    }

    @Test
    void refusesTls11OnBothTheImplicitAndTheStartTlsPaths() throws IOException {
        assertFalse(Security.getProperty("jdk.tls.disabledAlgorithms").contains("TLSv1.1"),
                "the test JVM must let its client offer TLS 1.1 (see legacy-tls.security)");
        SmtpServer submissions = start(ListenerMode.SUBMISSIONS, TestTls.settings());
        SSLException implicit = assertThrows(SSLException.class,
                () -> open(new SmtpClient(submissions.port(), TestTls.clientContext(), "TLSv1.1")));
        assertTrue(implicit.getMessage().contains("protocol_version"), implicit::getMessage);

        SmtpServer submission = start(ListenerMode.SUBMISSION, TestTls.settings());
        SmtpClient client = open(new SmtpClient(submission.port()));
        client.reply();
        assertEquals("220 2.0.0 Ready to start TLS", client.command("STARTTLS"));
        SSLException upgraded = assertThrows(SSLException.class,
                () -> client.startTls(TestTls.clientContext(), "TLSv1.1"));
        assertTrue(upgraded.getMessage().contains("protocol_version"), upgraded::getMessage);
        assertEquals(List.of("connect test"), listener.calls);
    }

    @Test
    void createsTheSelfSignedCertificateOnceAndReusesIt() throws Exception {
        Path keystore = directory.resolve("data/self-signed.p12");
        TlsSettings tls = new TlsSettings(null, null, null, keystore);

        Certificate first = serverCertificate(start(ListenerMode.SUBMISSIONS, tls), TestTls.trusting(keystore));
        byte[] written = Files.readAllBytes(keystore);
        FileTime writtenAt = Files.getLastModifiedTime(keystore);
        closeAll();
        opened.clear();
        Certificate second = serverCertificate(start(ListenerMode.SUBMISSIONS, tls), TestTls.trusting(keystore));

        assertEquals(first, second);
        assertArrayEquals(written, Files.readAllBytes(keystore));
        assertEquals(writtenAt, Files.getLastModifiedTime(keystore));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        assertEquals("CN=mx.test.example", ((X509Certificate) first).getSubjectX500Principal().getName());
    }

    @Test
    void offersTheKeyOfTheConfiguredAlias() throws Exception {
        Path keystore = directory.resolve("smtp.p12");
        TestTls.keystore(keystore, "store-pass", "one.example", "two.example");
        TlsSettings tls = new TlsSettings(keystore, "store-pass", "two.example", null);

        Certificate offered = serverCertificate(start(ListenerMode.SUBMISSIONS, tls),
                TestTls.trusting(keystore, "store-pass".toCharArray()));

        assertEquals("CN=two.example", ((X509Certificate) offered).getSubjectX500Principal().getName());
    }

    @Test
    void failsToStartOnAKeystoreItCannotRead() {
        TlsSettings tls = new TlsSettings(directory.resolve("missing.p12"), "store-pass", null, null);

        IOException failure = assertThrows(IOException.class, () -> start(ListenerMode.SUBMISSIONS, tls));

        assertTrue(failure.getMessage().startsWith("cannot use the TLS keystore " + directory.resolve("missing.p12")),
                failure::getMessage);
        assertFalse(failure.getMessage().contains("store-pass"));
    }

    private Certificate serverCertificate(SmtpServer server, SSLContext trusting) throws IOException {
        SmtpClient client = open(new SmtpClient(server.port()));
        SSLSocket socket = client.startTls(trusting);
        assertEquals(GREETING, client.reply());
        return socket.getSession().getPeerCertificates()[0];
    }

    private SmtpServer start(ListenerMode mode, TlsSettings tls) throws IOException {
        return open(SmtpServer.start(ListenerSettings.builder("test", "127.0.0.1", 0, TestTls.HOST).mode(mode).tls(tls)
                .build(), listener));
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
