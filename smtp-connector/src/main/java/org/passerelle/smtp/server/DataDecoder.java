package org.passerelle.smtp.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Decodes the message text after DATA (RFC 5321 §4.1.1.4, §4.5.2) into a {@link MessageSink}.
 *
 * <p>Only CRLF "." CRLF ends the message; the CRLF of the DATA command counts as the first CRLF.
 * A bare LF or a bare CR never ends a line here, so no other spelling of the end ({@code LF.LF},
 * {@code CR.CR}, {@code CRLF.LF}, ...) can end the message early and smuggle a second transaction
 * in after it. Such a message is read to its real end, and the sink has it refused as a whole.
 */
final class DataDecoder {

    /** Where the decoder stands: after CRLF, after CRLF ".", after CRLF "." CR, inside a line, after a CR. */
    private enum State { LINE_START, DOT, DOT_CR, TEXT, CR }

    private final MessageSink sink;
    private State state = State.LINE_START;

    DataDecoder(MessageSink sink) {
        this.sink = sink;
    }

    /**
     * Consumes message bytes; returns {@code true} once the terminating "." CRLF has been read,
     * leaving whatever follows it (pipelined commands) in the buffer.
     */
    boolean decode(ByteBuf in) {
        while (in.isReadable()) {
            if (state == State.TEXT) {
                copyText(in);
                continue;
            }
            byte b = in.readByte();
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        text(b);
                    }
                }
                // the leading dot is dropped, whatever follows it (§4.5.2)
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else {
                        text(b);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        return true;
                    }
                    afterCr(b);
                }
                case CR -> afterCr(b);
                case TEXT -> throw new AssertionError("text runs are copied above");
            }
        }
        return false;
    }

    MessageSink sink() {
        return sink;
    }

    /** Copies a run of ordinary octets at once, up to the next CR or LF. */
    private void copyText(ByteBuf in) {
        int stop = in.forEachByte(ByteProcessor.FIND_CRLF);
        int end = stop < 0 ? in.writerIndex() : stop;
        sink.write(in, in.readerIndex(), end - in.readerIndex());
        in.readerIndex(end);
        if (stop >= 0) {
            text(in.readByte());
        }
    }

    /** A CR waits to see what follows; anything else, a bare LF included, is text of the current line. */
    private void text(byte b) {
        if (b == '\r') {
            state = State.CR;
        } else {
            sink.write(b);
            state = State.TEXT;
        }
    }

    private void afterCr(byte b) {
        sink.write((byte) '\r');
        if (b == '\n') {
            sink.write(b);
            state = State.LINE_START;
        } else {
            text(b);
        }
    }
}
