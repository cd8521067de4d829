package org.passerelle.smtp.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.SmtpReply;

class ReplyReaderTest {

    private static ReplyReader reader(String text) {
        return new ReplyReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsASingleLineReply() throws IOException {
        SmtpReply reply = reader("250 2.1.0 Ok\r\n").read();
        assertEquals(250, reply.code());
        assertEquals("2.1.0 Ok", reply.text());
    }

    @Test
    void readsAMultiLineReplyWholeAndStopsAtItsLastLine() throws IOException {
        ReplyReader reader = reader("250-mx.example\r\n250-PIPELINING\r\n250 SIZE 1000\r\n354 go on\r\n");
        assertEquals(new SmtpReply(250, List.of("mx.example", "PIPELINING", "SIZE 1000")), reader.read());
        assertEquals(354, reader.read().code());
    }

    @Test
    void takesABareCodeAndABareLineFeed() throws IOException {
        ReplyReader reader = reader("250\n221-\r\n221 \r\n");
        assertEquals(new SmtpReply(250, List.of("")), reader.read());
        assertEquals(new SmtpReply(221, List.of("", "")), reader.read());
    }

    @Test
    void refusesLinesThatAreNoReply() {
        assertThrows(ProtocolException.class, () -> reader("hello\r\n").read());
        assertThrows(ProtocolException.class, () -> reader("25 short\r\n").read());
        assertThrows(ProtocolException.class, () -> reader("2500 long\r\n").read());
        assertThrows(ProtocolException.class, () -> reader("150 preliminary\r\n").read());
        assertThrows(ProtocolException.class, () -> reader("250-first\r\n550 second\r\n").read());
    }

    @Test
    void refusesRepliesWithoutEnd() {
        assertThrows(ProtocolException.class, () -> reader("250-x\r\n".repeat(200)).read());
        assertThrows(EOFException.class, () -> reader("250-x\r\n").read());
    }

    @Test
    void keepsTheStartOfAnOverlongLine() throws IOException {
        SmtpReply reply = reader("550 " + "x".repeat(5000) + "\r\n").read();
        assertEquals(996, reply.text().length());
    }
}
