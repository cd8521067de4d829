package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class DataDecoderTest {

    /** What an attacker hides after a fake end of data, hoping the server reads it as a second transaction. */
    private static final String SMUGGLED = "MAIL FROM:<evil@attacker.example>\r\n"
            + "RCPT TO:<victim@example.com>\r\n"
            + "DATA\r\n"
            + "Subject: forged\r\n\r\nforged\r\n";

    private DataDecoder decoder = decoder(1_000_000);

    @AfterEach
    void releaseContent() {
        decoder.sink().content().close();
    }

    @Test
    void anEmptyMessageIsJustTheDotLine() throws IOException {
        assertTrue(decode(".\r\n"));

        assertEquals("", content());
        assertEquals(MessageSink.Outcome.COMPLETE, decoder.sink().outcome());
    }

    @Test
    void keepsTheCrLfOfTheLastLine() throws IOException {
        assertTrue(decode("Subject: hello\r\n\r\nHello\r\n.\r\n"));

        assertEquals("Subject: hello\r\n\r\nHello\r\n", content());
    }

    @Test
    void removesTheLeadingDotOfEveryLine() throws IOException {
        assertTrue(decode("..hidden\r\n.x\r\nend.\r\n...\r\n.\r\n"));

        assertEquals(".hidden\r\nx\r\nend.\r\n..\r\n", content());
    }

    @Test
    void findsTheEndWhenItArrivesOneByteAtATime() throws IOException {
        String message = "a\r\n..b\r\n.\r\n";
        for (int i = 0; i < message.length() - 1; i++) {
            assertFalse(decode(message.substring(i, i + 1)), "ended early at byte " + i);
        }
        assertTrue(decode("\n"));

        assertEquals("a\r\n.b\r\n", content());
    }

    @Test
    void leavesPipelinedCommandsAfterTheEndUnread() {
        ByteBuf in = bytes("body\r\n.\r\nQUIT\r\n");

        assertTrue(decoder.decode(in));
        assertEquals("QUIT\r\n", in.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void rejectsBareLfDotBareLfAsEndOfData() throws IOException {
        assertFakeEndIsContent("\n.\n");
    }

    @Test
    void rejectsBareLfDotCrLfAsEndOfData() throws IOException {
        assertFakeEndIsContent("\n.\r\n");
    }

    @Test
    void rejectsBareCrDotBareCrAsEndOfData() throws IOException {
        assertFakeEndIsContent("\r.\r");
    }

    @Test
    void rejectsCrLfDotBareCrAsEndOfData() throws IOException {
        assertFakeEndIsContent("\r\n.\r");
    }

    @Test
    void rejectsCrLfDotBareLfAsEndOfData() throws IOException {
        assertFakeEndIsContent("\r\n.\n");
    }

    @Test
    void keepsABareLfInsideALineButRefusesTheMessage() throws IOException {
        assertTrue(decode("a\nb\r\n.\r\n"));

        assertEquals("a\nb\r\n", content());
        assertEquals(MessageSink.Outcome.BARE_LINE_ENDING, decoder.sink().outcome());
    }

    @Test
    void acceptsALineOf1000OctetsWithItsCrLf() throws IOException {
        String line = "x".repeat(998) + "\r\n";

        assertTrue(decode(line + ".\r\n"));
        assertEquals(line, content());
        assertEquals(MessageSink.Outcome.COMPLETE, decoder.sink().outcome());
    }

    @Test
    void acceptsALineLongerThan1000OctetsUncut() throws IOException {
        String line = "x".repeat(5000) + "\r\n";

        assertTrue(decode(line + "next\r\n.\r\n"));
        assertEquals(line + "next\r\n", content());
        assertEquals(MessageSink.Outcome.COMPLETE, decoder.sink().outcome());
    }

    @Test
    void refusesAMessageWithANulOctetReadToItsEnd() throws IOException {
        assertTrue(decode("before\r\n\u0000\u0000.\r\nafter\r\n.\r\n"));
        assertEquals("before\r\n\u0000\u0000.\r\nafter\r\n", content());
        assertEquals(MessageSink.Outcome.NUL_CHARACTER, decoder.sink().outcome());
    }

    @Test
    void acceptsAMessageOfExactlyTheSizeLimit() {
        decoder = decoder(7);

        assertTrue(decode("12345\r\n.\r\n"));
        assertEquals(MessageSink.Outcome.COMPLETE, decoder.sink().outcome());
    }

    @Test
    void stopsStoringAtTheSizeLimitButReadsToTheEnd() {
        decoder = decoder(10);
        ByteBuf in = bytes("0123456789ABCDEF\r\n" + "more\r\n".repeat(100) + ".\r\nQUIT\r\n");

        assertTrue(decoder.decode(in));
        assertEquals(MessageSink.Outcome.TOO_LARGE, decoder.sink().outcome());
        assertTrue(decoder.sink().content().size() <= 10, "stored " + decoder.sink().content().size() + " bytes");
        assertEquals("QUIT\r\n", in.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void spillsContentAbove256KiBToAFileThatCanBeReadTwice() throws IOException {
        String line = "0123456789".repeat(10) + "\r\n";
        String message = line.repeat(3000);
        for (int i = 0; i < message.length(); i += 8192) {
            assertFalse(decode(message.substring(i, Math.min(message.length(), i + 8192))));
        }
        assertTrue(decode(".\r\n"));

        assertNotNull(decoder.sink().content().file(), "content kept in memory");
        assertEquals(message.length(), decoder.sink().content().size());
        assertEquals(message, content());
        assertEquals(message, content());
    }

    private static DataDecoder decoder(long sizeLimit) {
        return new DataDecoder(new MessageSink(sizeLimit, new MessageBuffer()));
    }

    /** The fake end must neither end the message nor let what follows it out as commands. */
    private void assertFakeEndIsContent(String fakeEnd) throws IOException {
        String beforeTheRealEnd = "Subject: real\r\n\r\nbody" + fakeEnd + SMUGGLED;

        assertFalse(decode(beforeTheRealEnd), "the fake end ended the message");
        assertTrue(decode(".\r\n"));
        assertTrue(content().contains("MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.com>\r\n"));
        assertEquals(MessageSink.Outcome.BARE_LINE_ENDING, decoder.sink().outcome());
    }

    private boolean decode(String text) {
        ByteBuf in = bytes(text);
        boolean ended = decoder.decode(in);
        assertEquals(0, in.readableBytes(), "bytes left unread");
        return ended;
    }

    private String content() throws IOException {
        try (InputStream in = decoder.sink().content().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }
}
