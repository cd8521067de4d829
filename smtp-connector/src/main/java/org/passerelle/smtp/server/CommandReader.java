package org.passerelle.smtp.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;

/**
 * Cuts command lines out of the bytes a client sends and parses them. A line is at most 512
 * octets with its CRLF (RFC 5321 §4.5.3.1.4), ends only with CRLF and is UTF-8: a line ending in
 * a bare LF, holding a bare CR, or not UTF-8 is refused rather than guessed at. A bad line that
 * starts with BDAT ends the session, since the size of the chunk after it is unknown.
 */
final class CommandReader {

    static final int MAX_LINE_LENGTH = 512;

    private static final Reply TOO_LONG = Reply.of(500, "5.5.2", "Line too long");
    private static final Reply BARE_LINE_ENDING = Reply.of(500, "5.5.2", "Command lines must end with CRLF");
    private static final Reply NOT_UTF8 = Reply.of(500, "5.5.2", "Command lines must be UTF-8");
    private static final byte[] BDAT = {'B', 'D', 'A', 'T'};

    private final CommandParser parser;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
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
        return next(in, parser::parse);
    }

    /** Like {@link #read}, for the line answering an AUTH challenge. */
    Command readResponse(ByteBuf in) {
        return next(in, Command.Response::new);
    }

    private Command next(ByteBuf in, Function<String, Command> meaning) {
        int lineFeed = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int count = (lineFeed < 0 ? in.writerIndex() : lineFeed + 1) - in.readerIndex();
        if (tooLong || length + count > MAX_LINE_LENGTH) {
            if (!tooLong) {
                // keep what fits, so that an over-long BDAT line is still known for one
                int room = MAX_LINE_LENGTH - length;
                in.readBytes(line, length, room);
                in.skipBytes(count - room);
                length = MAX_LINE_LENGTH;
            } else {
                in.skipBytes(count);
            }
            tooLong = true;
        } else {
            in.readBytes(line, length, count);
            length += count;
        }
        if (lineFeed < 0) {
            return null;
        }
        Command command = complete(meaning);
        length = 0;
        tooLong = false;
        return command;
    }

    private Command complete(Function<String, Command> meaning) {
        if (tooLong) {
            return refused(TOO_LONG);
        }
        int end = length - 2;
        if (end < 0 || line[end] != '\r') {
            return refused(BARE_LINE_ENDING);
        }
        for (int i = 0; i < end; i++) {
            if (line[i] == '\r') {
                return refused(BARE_LINE_ENDING);
            }
        }
        String text = text(end);
        return text == null ? refused(NOT_UTF8) : meaning.apply(text);
    }

    private Command refused(Reply reply) {
        return new Command.Invalid(reply, startsWithBdat());
    }

    private boolean startsWithBdat() {
        if (length < BDAT.length) {
            return false;
        }
        for (int i = 0; i < BDAT.length; i++) {
            if ((line[i] & ~0x20) != BDAT[i]) {
                return false;
            }
        }
        return true;
    }

    /** The line as text, or {@code null} when it is not UTF-8. */
    private String text(int end) {
        for (int i = 0; i < end; i++) {
            if (line[i] < 0) {
                try {
                    CharBuffer decoded = utf8.reset().decode(ByteBuffer.wrap(line, 0, end));
                    return decoded.toString();
                } catch (CharacterCodingException e) {
                    return null;
                }
            }
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII);
    }
}
