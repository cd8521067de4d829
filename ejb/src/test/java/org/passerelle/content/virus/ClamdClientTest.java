package org.passerelle.content.virus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.content.ScannerFailure;
import org.passerelle.content.TestMessages;
import org.passerelle.spool.HeldContent;
import org.passerelle.testing.RealScanners;

/** Against the real clamd of {@code scanners/scanners.sh} (its EICAR signature), and servers that misbehave. */
@ExtendWith(RealScanners.Extension.class)
class ClamdClientTest {

    private static final String EICAR_NAME = "Eicar-Test-Signature.UNOFFICIAL";

    private RealScanners scanners;
    private ClamdClient clamd;

    @BeforeEach
    void connect(RealScanners scanners) {
        this.scanners = scanners;
        clamd = new ClamdClient(scanners.clamd(), Duration.ofSeconds(30), 2);
    }

    @AfterEach
    void close() {
        clamd.close();
    }

    @Test
    void findsEicarAsAPlainBody() throws Exception {
        assertEquals(EICAR_NAME, clamd.scan(TestMessages.plain("Test", TestMessages.EICAR)).virus());
    }

    @Test
    void findsEicarInABase64Attachment() throws Exception {
        assertEquals(EICAR_NAME, clamd.scan(TestMessages.withAttachment("Invoice", "invoice.com", "application/octet-stream",
                TestMessages.eicar())).virus());
    }

    @Test
    void findsEicarInsideAZipAttachment() throws Exception {
        assertEquals(EICAR_NAME, clamd.scan(TestMessages.withAttachment("Invoice", "invoice.zip", "application/zip",
                TestMessages.zip("invoice.com", TestMessages.eicar()))).virus());
    }

    @Test
    void findsEicarInAForwardedMessage() throws Exception {
        HeldContent inner = TestMessages.withAttachment("Invoice", "invoice.com", "application/octet-stream", TestMessages.eicar());
        assertEquals(EICAR_NAME, clamd.scan(TestMessages.forwarded("Fwd: Invoice", inner)).virus());
    }

    @Test
    void aCleanMessageIsClean() throws Exception {
        assertFalse(clamd.scan(TestMessages.plain("Minutes", "Nothing to see.")).infected());
    }

    /** One kept session answers scan after scan, each reply matched to its own message. */
    @Test
    void aKeptSessionAnswersEachScanInTurn() throws Exception {
        try (ClamdClient oneSession = new ClamdClient(scanners.clamd(), Duration.ofSeconds(30), 1)) {
            for (int i = 0; i < 10; i++) {
                boolean infected = i % 2 == 0;
                VirusScan scan = oneSession.scan(infected ? TestMessages.plain("t", TestMessages.EICAR) : TestMessages.plain("t", "clean " + i));
                assertEquals(infected, scan.infected(), "scan " + i);
            }
        }
    }

    @Test
    void clamdStoppedIsAFailureAndItsReturnIsNoticed() throws Exception {
        assertFalse(clamd.scan(TestMessages.plain("t", "before")).infected());
        assertTrue(clamd.ping(), "PONG");
        scanners.stopClamd();
        try {
            ScannerFailure failure = assertThrows(ScannerFailure.class, () -> clamd.scan(TestMessages.plain("t", "down")));
            assertTrue(failure.getMessage().contains("unavailable"), failure.getMessage());
            assertFalse(clamd.ping(), "no PONG from a stopped clamd");
        } finally {
            scanners.startClamd();
        }
        assertEquals(EICAR_NAME, clamd.scan(TestMessages.plain("t", TestMessages.EICAR)).virus());
    }

    @Test
    void aServerAnsweringGarbageIsAFailureNeverClean() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread answering = new Thread(() -> {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    client.getInputStream().readNBytes(30);
                    out.write("220 smtp.example ESMTP\0".getBytes(StandardCharsets.US_ASCII));
                    // read on until the client is done, so that it reads the reply rather than a broken pipe
                    client.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the test fails on the client's side
                }
            });
            answering.start();
            try (ClamdClient garbage = new ClamdClient(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(5), 1)) {
                ScannerFailure failure = assertThrows(ScannerFailure.class, () -> garbage.scan(TestMessages.plain("a", "b")));
                assertTrue(failure.getMessage().contains("not its protocol"), failure.getMessage());
            }
            answering.join();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
             ClamdClient silent = new ClamdClient(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(1), 1)) {
            ScannerFailure failure = assertThrows(ScannerFailure.class, () -> silent.scan(TestMessages.plain("a", "b")));
            assertTrue(failure.getMessage().contains("did not answer within 1 s"), failure.getMessage());
        }
    }

    @Test
    void anErrorReplyIsAFailure() {
        ScannerFailure failure = assertThrows(ScannerFailure.class,
                () -> ClamdClient.parse("1: stream: INSTREAM size limit exceeded. ERROR"));
        assertTrue(failure.getMessage().contains("size limit exceeded"), failure.getMessage());
    }
}
