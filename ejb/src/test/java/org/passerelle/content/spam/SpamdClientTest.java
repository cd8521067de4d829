package org.passerelle.content.spam;

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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.content.ScannerFailure;
import org.passerelle.content.TestMessages;
import org.passerelle.testing.RealScanners;

/** Against the real spamd of {@code scanners/scanners.sh}, and against servers that misbehave. */
@ExtendWith(RealScanners.Extension.class)
class SpamdClientTest {

    private SpamdClient spamd;

    @BeforeEach
    void connect(RealScanners scanners) {
        spamd = new SpamdClient(scanners.spamd(), Duration.ofSeconds(15));
    }

    @Test
    void gtubeScoresAboveAThousandAndNamesTheRule() throws Exception {
        SpamReport report = spamd.check(TestMessages.plain("Offer", "Buy now " + TestMessages.GTUBE));
        assertTrue(report.score() >= 1000, "score " + report.score());
        assertTrue(report.rules().contains("GTUBE"), report.rules().toString());
    }

    @Test
    void theTestsMediumRuleScoresBetweenFourAndFive() throws Exception {
        SpamReport report = spamd.check(TestMessages.plain("Offer", "PASSERELLE-TEST-MEDIUM-SPAM"));
        assertTrue(report.score() >= 4 && report.score() < 5, "score " + report.score() + " " + report.rules());
        assertTrue(report.rules().contains("PSL_TEST_MEDIUM"), report.rules().toString());
    }

    @Test
    void anOrdinaryNoteScoresBelowThree() throws Exception {
        SpamReport report = spamd.check(TestMessages.plain("Minutes", "The minutes of Monday's meeting, as agreed."));
        assertTrue(report.score() < 3, "score " + report.score() + " " + report.rules());
        assertTrue(spamd.ping());
    }

    @Test
    void nothingListeningIsAFailureNotAScore() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        SpamdClient nowhere = new SpamdClient(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2));
        ScannerFailure failure = assertThrows(ScannerFailure.class, () -> nowhere.check(TestMessages.plain("a", "b")));
        assertTrue(failure.getMessage().contains("unavailable"), failure.getMessage());
        assertFalse(nowhere.ping());
    }

    @Test
    void aServerAnsweringGarbageIsAFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread answering = new Thread(() -> {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    client.getInputStream().readNBytes(20);
                    out.write("HTTP/1.1 200 OK\r\n\r\n<html>".getBytes(StandardCharsets.US_ASCII));
                    // read on until the client is done, so that it reads the reply rather than a broken pipe
                    client.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the test fails on the client's side
                }
            });
            answering.start();
            SpamdClient garbage = new SpamdClient(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(5));
            ScannerFailure failure = assertThrows(ScannerFailure.class, () -> garbage.check(TestMessages.plain("a", "b")));
            assertTrue(failure.getMessage().contains("not SPAMD"), failure.getMessage());
            answering.join();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0); Socket ignored = new Socket()) {
            SpamdClient silent = new SpamdClient(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(1));
            ScannerFailure failure = assertThrows(ScannerFailure.class, () -> silent.check(TestMessages.plain("a", "b")));
            assertTrue(failure.getMessage().contains("did not answer within 1 s"), failure.getMessage());
        }
    }

    @Test
    void anErrorStatusIsAFailure() {
        byte[] answer = "SPAMD/1.0 76 Bad header line: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ScannerFailure failure = assertThrows(ScannerFailure.class, () -> SpamdClient.parse(answer));
        assertEquals("spamd refused the request: SPAMD/1.0 76 Bad header line: x", failure.getMessage());
    }
}
