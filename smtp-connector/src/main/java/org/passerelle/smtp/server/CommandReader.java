package org.passerelle.smtp.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Cuts command lines out of the bytes a client sends and parses them. A line is at most 512
 * octets with its CRLF (RFC 5321 §4.5.3.1.4) and ends only with CRLF: a line ending in a bare LF,
 * or holding a bare CR, is refused rather than guessed at.
 */
final class CommandReader {

    static final int MAX_LINE_LENGTH = 512;

    private static final Command TOO_LONG = new Command.Invalid(Reply.of(500, "5.5.2", "Line too long"));
    private static final Command BARE_LINE_ENDING =
            new Command.Invalid(Reply.of(500, "5.5.2", "Command lines must end with CRLF"));

    private final CommandParser parser;
    private final byte[] line = new byte[MAX_LINE_LENGTH];
    private int length;
    private boolean tooLong;

    CommandReader(CommandParser parser) {
        this.parser = parser;
    }

    /**
     * Reads up to the end of the next line and returns its command, or {@code null} when the line
     * has not fully arrived; the bytes after that line are left in the buffer. An over-long line
     * is skipped up to its end (never stored) and answered once, there.
     */
    Command read(ByteBuf in) {
        int lineFeed = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int count = (lineFeed < 0 ? in.writerIndex() : lineFeed + 1) - in.readerIndex();
        if (tooLong || length + count > MAX_LINE_LENGTH) {
            tooLong = true;
            in.skipBytes(count);
        } else {
            in.readBytes(line, length, count);
            length += count;
        }
        if (lineFeed < 0) {
            return null;
        }
        Command command = complete();
        length = 0;
        tooLong = false;
        return command;
    }

    private Command complete() {
        if (tooLong) {
            return TOO_LONG;
        }
        int end = length - 2;
        if (end < 0 || line[end] != '\r') {
            return BARE_LINE_ENDING;
        }
        for (int i = 0; i < end; i++) {
            if (line[i] == '\r') {
                return BARE_LINE_ENDING;
            }
        }
        return parser.parse(new String(line, 0, end, StandardCharsets.UTF_8));
    }
}
