package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling: an attacker writes a message body holding a fake end of data and a second
 * transaction after it, and an honest relay in front of Passerelle passes it on (dot-stuffing
 * only what follows CRLF, as RFC 5321 asks, and leaving bare CR and LF alone). Whatever the fake
 * end, and whether the relay sends DATA, pipelines, or cuts BDAT chunks anywhere, Passerelle
 * must see one transaction at most, never the attacker's second one.
 */
class SmtpSmugglingTest {

    private static final String REAL_START = "From: <john@example.com>\r\nSubject: real\r\n\r\nbody";
    private static final String FORGED = "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.com>\r\n"
            + "DATA\r\nFrom: <ceo@example.com>\r\nSubject: forged\r\n\r\nforged\r\n.\r\n"
            + "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.com>\r\nBDAT 8 LAST\r\nforged\r\n";
    private static final String REFUSED = "550 5.6.0 Message contains bare CR or LF characters";

    /** Every spelling of an end of data but the real one, CRLF "." CRLF. */
    private static final List<String> FAKE_ENDS = List.of("\n.\n", "\n.\r\n", "\r.\r", "\r\n.\r", "\r\n.\n",
            "\r.\r\n", "\n.\r", "\r.\n", "\r\n.\r\r\n", "\r\r\n.\r\r\n", "\n\r\n.\r\n", "\r\n\n.\r\n");

    /** How the relay in front carries the message. */
    enum Transport { DATA, DATA_PIPELINED, BDAT, BDAT_CUT_IN_THE_FAKE_END, BDAT_PIPELINED }

    private final RecordingListener listener = new RecordingListener();
    private SmtpServer server;
    private SmtpClient client;

    @BeforeEach
    void start() throws IOException {
        server = SmtpServer.start(ListenerSettings.of("test", "127.0.0.1", 0, "mx.test.example"), listener);
        client = new SmtpClient(server.port());
        client.reply();
        client.command("EHLO relay.example");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(Transport.values())
                .flatMap(transport -> FAKE_ENDS.stream().map(fakeEnd -> Arguments.of(transport, printable(fakeEnd))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("attacks")
    void neverAcceptsASecondMessage(Transport transport, String fakeEnd) throws IOException {
        String body = REAL_START + bytes(fakeEnd) + FORGED;

        String reply = relay(transport, body);

        assertEquals(REFUSED, reply);
        assertOneTransactionAtMost();
    }

    /** The real end inside the body, which the relay escapes: dot-stuffed for DATA, counted for BDAT. */
    @ParameterizedTest
    @EnumSource(names = {"DATA_PIPELINED", "BDAT_PIPELINED"})
    void takesAnEscapedRealEndOfDataAsText(Transport transport) throws IOException {
        String body = REAL_START + "\r\n.\r\n" + FORGED;

        assertEquals("250 2.0.0 Ok: queued as 4F2A9C", relay(transport, body));

        assertOneTransactionAtMost();
        assertEquals(body, new String(listener.messages.get(0), StandardCharsets.ISO_8859_1));
    }

    /** Sends the transaction as the relay would, and returns the reply to the message. */
    private String relay(Transport transport, String body) throws IOException {
        String envelope = "MAIL FROM:<john@example.com>\r\nRCPT TO:<jane@example.net>\r\n";
        switch (transport) {
            case DATA -> {
                client.command("MAIL FROM:<john@example.com>");
                client.command("RCPT TO:<jane@example.net>");
                assertEquals("354 End data with <CR><LF>.<CR><LF>", client.command("DATA"));
                client.send(stuffed(body));
                return client.reply();
            }
            case DATA_PIPELINED -> {
                client.send(envelope + "DATA\r\n" + stuffed(body));
                skipReplies(3);
            }
            case BDAT -> client.send(envelope + "BDAT " + body.length() + " LAST\r\n" + body);
            case BDAT_CUT_IN_THE_FAKE_END -> {
                int cut = REAL_START.length() + 2;
                client.send(envelope + "BDAT " + cut + "\r\n" + body.substring(0, cut)
                        + "BDAT " + (body.length() - cut) + " LAST\r\n" + body.substring(cut));
                skipReplies(1);
            }
            case BDAT_PIPELINED -> {
                int cut = body.length() / 3;
                client.send(envelope + "BDAT " + cut + "\r\n" + body.substring(0, cut)
                        + "BDAT " + (body.length() - cut) + "\r\n" + body.substring(cut) + "BDAT 0 LAST\r\n");
                skipReplies(2);
            }
        }
        if (transport != Transport.DATA_PIPELINED) {
            skipReplies(2);
        }
        return client.reply();
    }

    private void skipReplies(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String reply = client.reply();
            assertTrue(reply.startsWith("250 ") || reply.startsWith("354 "), reply);
        }
    }

    /** Whatever happened, the session is in step: the next command gets its own reply, and nothing forged got in. */
    private void assertOneTransactionAtMost() throws IOException {
        assertEquals("221 2.0.0 Bye", client.command("QUIT"));
        assertEquals(1, listener.count("mail"), listener.calls::toString);
        assertTrue(listener.count("data") <= 1, listener.calls::toString);
        assertFalse(listener.calls.stream().anyMatch(call -> call.contains("attacker") || call.contains("victim")),
                listener.calls::toString);
    }

    /** RFC 5321 §4.5.2 as an honest relay does it: a dot after CRLF is doubled, then CRLF "." CRLF. */
    private static String stuffed(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = body.endsWith("\r\n") ? body : body + "\r\n";
        for (int i = 0; i < text.length(); i++) {
            boolean lineStart = i == 0 || text.startsWith("\r\n", i - 2);
            if (lineStart && text.charAt(i) == '.') {
                out.write('.');
            }
            out.write(text.charAt(i));
        }
        return out.toString(StandardCharsets.ISO_8859_1) + ".\r\n";
    }

    private static String printable(String octets) {
        return octets.replace("\r", "CR").replace("\n", "LF");
    }

    private static String bytes(String printable) {
        return printable.replace("CR", "\r").replace("LF", "\n");
    }
}
