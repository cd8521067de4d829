package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.smtp.Verdict;

/** Whole SMTP sessions against a real server on a free port, byte for byte. */
class SmtpServerTest {

    private static final String HOST = "mx.test.example";
    private static final String GREETING = "220 mx.test.example ESMTP Passerelle";
    private static final String EHLO_REPLY = "250-mx.test.example\n250-PIPELINING\n250-SIZE 10240000\n"
            + "250-8BITMIME\n250-SMTPUTF8\n250-ENHANCEDSTATUSCODES\n250-DSN\n250 CHUNKING";
    private static final String START_DATA = "354 End data with <CR><LF>.<CR><LF>";
    private static final String QUEUED = "250 2.0.0 Ok: queued as 4F2A9C";

    private final RecordingListener listener = new RecordingListener();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = start(settings());
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void greetsAndAdvertisesItsExtensionsInAnswerToEhlo() throws IOException {
        SmtpClient client = connect(server);

        assertEquals(EHLO_REPLY, client.command("EHLO client.example"));
        assertEquals(List.of("connect test", "ehlo client.example"), listener.calls);
    }

    @Test
    void answersHeloWithItsName() throws IOException {
        assertEquals("250 mx.test.example", connect(server).command("HELO client.example"));
    }

    @Test
    void deliversATransactionToTheListener() throws IOException {
        SmtpClient client = greeted();

        assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<john@example.com> SIZE=120"));
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<jane@example.net>"));
        assertEquals(START_DATA, client.command("DATA"));
        assertEquals(QUEUED, client.send("Subject: hello\r\n\r\n..dotted\r\n.\r\n").reply());
        assertEquals("221 2.0.0 Bye", client.command("QUIT"));
        assertTrue(client.closedByServer());

        String message = "Subject: hello\r\n\r\n.dotted\r\n";
        assertEquals(List.of("connect test", "ehlo client.example", "mail <john@example.com> {SIZE=120}",
                "rcpt <jane@example.net>", "data [jane@example.net] " + message.length() + " bytes"), listener.calls);
        assertEquals(message, new String(listener.messages.get(0), StandardCharsets.US_ASCII));
    }

    @Test
    void asksTheListenerOnTheSessionThreadsNeverOnTheAcceptingThread() throws IOException {
        SmtpClient client = greeted();
        client.command("MAIL FROM:<>");

        assertFalse(listener.threads.isEmpty());
        assertTrue(listener.threads.stream().allMatch(name -> name.startsWith("smtp-test-endpoint")),
                listener.threads::toString);
    }

    @Test
    void answersPipelinedCommandsInOrder() throws IOException {
        SmtpClient client = connect(server);

        client.send("EHLO client.example\r\nMAIL FROM:<john@example.com>\r\nRCPT TO:<jane@example.net>\r\n"
                + "RCPT TO:<joe@example.net>\r\nDATA\r\n");
        assertEquals(EHLO_REPLY, client.reply());
        assertEquals("250 2.1.0 Ok", client.reply());
        assertEquals("250 2.1.5 Ok", client.reply());
        assertEquals("250 2.1.5 Ok", client.reply());
        assertEquals(START_DATA, client.reply());

        client.send("one line\r\n.\r\nMAIL FROM:<>\r\nRSET\r\nQUIT\r\n");
        assertEquals(QUEUED, client.reply());
        assertEquals("250 2.1.0 Ok", client.reply());
        assertEquals("250 2.0.0 Ok", client.reply());
        assertEquals("221 2.0.0 Bye", client.reply());
        assertTrue(client.closedByServer());
    }

    @Test
    void repliesWithTheListenersRejectionOfARecipient() throws IOException {
        listener.rcptVerdict = recipient -> recipient.localPart().equals("blocked")
                ? Verdict.reject(554, "5.7.1", "Relay access denied")
                : Verdict.accept();
        SmtpClient client = greeted();
        client.command("MAIL FROM:<john@example.com>");

        assertEquals("554 5.7.1 Relay access denied", client.command("RCPT TO:<blocked@example.org>"));
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<jane@example.net>"));
        assertEquals(START_DATA, client.command("DATA"));
        assertEquals(QUEUED, client.send("hello\r\n.\r\n").reply());
        assertTrue(listener.calls.contains("data [jane@example.net] 7 bytes"), listener.calls::toString);
    }

    @Test
    void givesAVerdictWithoutStatusTheGenericOne() throws IOException {
        listener.mailVerdict = envelope -> new Verdict(Verdict.Kind.TEMP_FAIL, 450, null, null);

        assertEquals("450 4.0.0 Temporary failure, try again later", greeted().command("MAIL FROM:<a@b.example>"));
    }

    @Test
    void answers451AndStartsNoTransactionWhenTheListenerThrows() throws IOException {
        listener.mailVerdict = envelope -> {
            throw new IllegalStateException("directory down");
        };
        SmtpClient client = greeted();

        assertEquals("451 4.3.0 Temporary failure, try again later", client.command("MAIL FROM:<john@example.com>"));
        assertEquals("503 5.5.1 Need MAIL command", client.command("RCPT TO:<jane@example.net>"));
        assertEquals("250 2.0.0 Ok", client.command("NOOP"));
    }

    @Test
    void answers451AndEndsTheTransactionWhenTheListenerFailsAtEndOfData() throws IOException {
        listener.dataVerdict = () -> {
            throw new IllegalStateException("spool unavailable");
        };
        SmtpClient client = greeted();
        client.command("MAIL FROM:<john@example.com>");
        client.command("RCPT TO:<jane@example.net>");
        client.command("DATA");

        assertEquals("451 4.3.0 Temporary failure, try again later", client.send("hello\r\n.\r\n").reply());
        assertEquals("503 5.5.1 Need MAIL command", client.command("RCPT TO:<jane@example.net>"));
    }

    @Test
    void refusesAConnectionTheListenerRefuses() throws IOException {
        listener.connectVerdict = Verdict.reject(554, "5.7.1", "Access denied");
        SmtpClient client = open(new SmtpClient(server.port()));

        assertEquals("554 5.7.1 Access denied", client.reply());
        assertTrue(client.closedByServer());
    }

    @Test
    void keepsATwoMegabyteMessageIntact() throws IOException {
        byte[] message = randomMessage(2 * 1024 * 1024);
        SmtpClient client = greeted();
        client.command("MAIL FROM:<john@example.com> BODY=8BITMIME");
        client.command("RCPT TO:<jane@example.net>");
        client.command("DATA");

        client.send(dotStuffed(message)).send(".\r\n");

        assertEquals(QUEUED, client.reply());
        assertArrayEquals(message, listener.messages.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LF.LF", "LF.CRLF", "CR.CR", "CRLF.CR", "CRLF.LF"})
    void neverTakesAFakeEndOfDataForTheEndNorRunsWhatFollowsIt(String fakeEnd) throws IOException {
        SmtpClient client = greeted();
        client.command("MAIL FROM:<john@example.com>");
        client.command("RCPT TO:<jane@example.net>");
        client.command("DATA");

        client.send("Subject: real\r\n\r\nbody" + fakeEnd.replace("CR", "\r").replace("LF", "\n")
                + "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
                + "Subject: forged\r\n\r\nforged\r\n.\r\n");

        assertEquals("550 5.6.0 Message contains bare CR or LF characters", client.reply());
        assertEquals("221 2.0.0 Bye", client.command("QUIT"));
        assertEquals(1, listener.count("mail"));
        assertEquals(1, listener.count("rcpt"));
        assertEquals(0, listener.count("data"));
        assertEquals(List.of("refused data <john@example.com> 550 5.6.0"),
                listener.calls.stream().filter(call -> call.startsWith("refused ")).toList());
    }

    @Test
    void refusesAMessageOverTheSizeLimitAndCarriesOn() throws IOException {
        SmtpClient client = connect(start(settings().toBuilder().messageSizeLimit(1000).build()));
        client.command("EHLO client.example");

        assertEquals("552 5.3.4 Message size exceeds fixed limit", client.command("MAIL FROM:<a@b.example> SIZE=5000"));
        assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<a@b.example>"));
        client.command("RCPT TO:<c@d.example>");
        assertEquals(START_DATA, client.command("DATA"));
        assertEquals("552 5.3.4 Message size exceeds fixed limit",
                client.send(("x".repeat(98) + "\r\n").repeat(50) + ".\r\n").reply());
        assertEquals("250 2.0.0 Ok", client.command("NOOP"));
        assertEquals(0, listener.count("data"));
        assertEquals(List.of("refused mail <a@b.example> 552 5.3.4", "refused data <a@b.example> 552 5.3.4"),
                listener.calls.stream().filter(call -> call.startsWith("refused ")).toList(),
                "the endpoint hears of the connector's own refusals, to log and count them");
    }

    @Test
    void refusesRecipientsBeyondTheLimit() throws IOException {
        SmtpClient client = connect(start(settings().toBuilder().recipientLimit(2).build()));
        client.command("EHLO client.example");
        client.command("MAIL FROM:<a@b.example>");

        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<one@d.example>"));
        assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<two@d.example>"));
        assertEquals("452 4.5.3 Too many recipients", client.command("RCPT TO:<three@d.example>"));
        assertEquals(2, listener.count("rcpt"));
    }

    @Test
    void insistsOnTheOrderOfCommands() throws IOException {
        SmtpClient client = connect(server);

        assertEquals("503 5.5.1 Send HELO or EHLO first", client.command("MAIL FROM:<a@b.example>"));
        client.command("EHLO client.example");
        assertEquals("503 5.5.1 Need MAIL command", client.command("RCPT TO:<c@d.example>"));
        assertEquals("503 5.5.1 Need MAIL command", client.command("DATA"));
        assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<a@b.example>"));
        assertEquals("503 5.5.1 Need RCPT command", client.command("DATA"));
        assertEquals("503 5.5.1 Nested MAIL command", client.command("MAIL FROM:<a@b.example>"));
        assertEquals("250 2.0.0 Ok", client.command("RSET"));
        assertEquals("503 5.5.1 Need MAIL command", client.command("RCPT TO:<c@d.example>"));
    }

    @Test
    void answersUnknownUnimplementedAndOverlongCommands() throws IOException {
        SmtpClient client = greeted();

        assertEquals("500 5.5.2 Command unrecognized", client.command("FOO"));
        assertEquals("502 5.5.1 Command not implemented", client.command("EXPN staff"));
        assertEquals("500 5.5.2 Line too long", client.command("NOOP " + "x".repeat(600)));
        assertEquals("501 5.5.2 Syntax: MAIL FROM:<address>", client.command("MAIL FROM:john@example.com"));
        assertEquals("250 2.0.0 Ok", client.command("NOOP"));
    }

    @Test
    void disconnectsAfterTenProtocolErrors() throws IOException {
        SmtpClient client = greeted();
        for (int i = 1; i < SessionProtocol.ERROR_LIMIT; i++) {
            assertEquals("500 5.5.2 Command unrecognized", client.command("FOO"));
        }

        assertEquals("500 5.5.2 Command unrecognized", client.command("FOO"));
        assertEquals("421 4.7.0 mx.test.example Too many errors, closing connection", client.reply());
        assertTrue(client.closedByServer());
    }

    @Test
    void closesASessionThatStaysSilentLongerThanTheIdleTimeout() throws IOException, InterruptedException {
        SmtpClient client = connect(start(settings().toBuilder().idleTimeout(Duration.ofMillis(1000)).build()));
        Thread.sleep(600);
        assertEquals("250 2.0.0 Ok", client.command("NOOP"));
        Thread.sleep(600);
        assertEquals("250 2.0.0 Ok", client.command("NOOP"));

        assertEquals("421 4.4.2 mx.test.example Timeout, closing connection", client.reply());
        assertTrue(client.closedByServer());
    }

    @Test
    void failsClearlyWhenThePortIsTaken() {
        IOException failure = assertThrows(IOException.class,
                () -> start(ListenerSettings.of("second", "127.0.0.1", server.port(), HOST)));

        assertTrue(failure.getMessage().startsWith("SMTP listener second cannot listen on 127.0.0.1:" + server.port()),
                failure.getMessage());
    }

    @Test
    void tellsConnectedClientsWhenItCloses() throws IOException {
        SmtpClient client = greeted();

        server.close();

        assertEquals("421 4.3.2 mx.test.example Service shutting down, closing connection", client.reply());
        assertTrue(client.closedByServer());
    }

    private static ListenerSettings settings() {
        return ListenerSettings.of("test", "127.0.0.1", 0, HOST);
    }

    private SmtpServer start(ListenerSettings settings) throws IOException {
        return open(SmtpServer.start(settings, listener));
    }

    private SmtpClient connect(SmtpServer target) throws IOException {
        SmtpClient client = open(new SmtpClient(target.port()));
        assertEquals(GREETING, client.reply());
        return client;
    }

    private SmtpClient greeted() throws IOException {
        SmtpClient client = connect(server);
        assertEquals(EHLO_REPLY, client.command("EHLO client.example"));
        return client;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Printable lines of random length, some starting with a dot, CRLF-terminated. */
    private static byte[] randomMessage(int approximateSize) {
        Random random = new Random(42);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (message.size() < approximateSize) {
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                message.write(i == 0 && random.nextInt(10) == 0 ? '.' : ' ' + random.nextInt(95));
            }
            message.write('\r');
            message.write('\n');
        }
        return message.toByteArray();
    }

    /** RFC 5321 §4.5.2: a line starting with a dot gets one more. */
    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        return stuffed.toByteArray();
    }
}
