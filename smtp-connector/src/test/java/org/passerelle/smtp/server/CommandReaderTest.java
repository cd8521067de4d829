package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class CommandReaderTest {

    private final CommandReader reader = new CommandReader(new CommandParser("mx.example.org"));

    @Test
    void readsPipelinedCommandsOneAtATime() {
        ByteBuf in = bytes("NOOP\r\nRSET\r\nQUIT\r\n");

        assertSame(Command.Simple.NOOP, reader.read(in));
        assertSame(Command.Simple.RSET, reader.read(in));
        assertSame(Command.Simple.QUIT, reader.read(in));
        assertEquals(0, in.readableBytes());
    }

    @Test
    void waitsForTheRestOfALine() {
        assertNull(reader.read(bytes("NO")));
        assertNull(reader.read(bytes("OP\r")));
        assertSame(Command.Simple.NOOP, reader.read(bytes("\n")));
    }

    @Test
    void leavesTheBytesAfterALineInTheBuffer() {
        ByteBuf in = bytes("DATA\r\nSubject: hello\r\n");

        assertSame(Command.Simple.DATA, reader.read(in));
        assertEquals("Subject: hello\r\n", in.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void acceptsALineOf512OctetsWithItsCrLf() {
        String line = "NOOP " + "x".repeat(CommandReader.MAX_LINE_LENGTH - 7) + "\r\n";
        assertEquals(512, line.length());

        assertSame(Command.Simple.NOOP, reader.read(bytes(line)));
    }

    @Test
    void rejectsALineOf513OctetsAndReadsOnFromTheNextLine() {
        ByteBuf in = bytes("NOOP " + "x".repeat(CommandReader.MAX_LINE_LENGTH - 6) + "\r\nRSET\r\n");

        assertEquals("500 5.5.2 Line too long", rejection(reader.read(in)));
        assertSame(Command.Simple.RSET, reader.read(in));
    }

    @Test
    void skipsAnOverlongLineArrivingInPiecesWithoutStoringIt() {
        for (int i = 0; i < 100; i++) {
            assertNull(reader.read(bytes("x".repeat(1000))));
        }

        ByteBuf in = bytes("\r\nNOOP\r\n");
        assertEquals("500 5.5.2 Line too long", rejection(reader.read(in)));
        assertSame(Command.Simple.NOOP, reader.read(in));
    }

    @Test
    void rejectsACommandEndingInABareLf() {
        ByteBuf in = bytes("NOOP\nRSET\r\n");

        assertEquals("500 5.5.2 Command lines must end with CRLF", rejection(reader.read(in)));
        assertSame(Command.Simple.RSET, reader.read(in));
    }

    @Test
    void rejectsABareCrInsideACommand() {
        assertEquals("500 5.5.2 Command lines must end with CRLF", rejection(reader.read(bytes("NOOP\rRSET\r\n"))));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String rejection(Command command) {
        return assertInstanceOf(Command.Invalid.class, command).reply().toString();
    }
}
