package org.passerelle.smtp.server;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Decodes the message text after DATA (RFC 5321 §4.1.1.4, §4.5.2) into a {@link MessageBuffer}.
 *
 * <p>Only CRLF "." CRLF ends the message; the CRLF of the DATA command counts as the first CRLF.
 * A bare LF or a bare CR never ends a line here, so no other spelling of the end ({@code LF.LF},
 * {@code CR.CR}, {@code CRLF.LF}, ...) can end the message early and smuggle a second transaction
 * in after it. Such a message is read to its real end and then refused as a whole.
 *
 * <p>Lines longer than the 1000 octets of RFC 5321 §4.5.3.1.6 are accepted: many clients send
 * them, and only the message size limit bounds what is stored.
 */
final class DataDecoder {

    enum Outcome { COMPLETE, TOO_LARGE, BARE_LINE_ENDING, STORAGE_FAILED }

    /** Where the decoder stands: after CRLF, after CRLF ".", after CRLF "." CR, inside a line, after a CR. */
    private enum State { LINE_START, DOT, DOT_CR, TEXT, CR }

    private final long sizeLimit;
    private final MessageBuffer content;
    private State state = State.LINE_START;
    private long size;
    private boolean bareLineEnding;
    private IOException storageFailure;

    DataDecoder(long sizeLimit, MessageBuffer content) {
        this.sizeLimit = sizeLimit;
        this.content = content;
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

    Outcome outcome() {
        if (size > sizeLimit) {
            return Outcome.TOO_LARGE;
        }
        if (bareLineEnding) {
            return Outcome.BARE_LINE_ENDING;
        }
        return storageFailure == null ? Outcome.COMPLETE : Outcome.STORAGE_FAILED;
    }

    MessageBuffer content() {
        return content;
    }

    IOException storageFailure() {
        return storageFailure;
    }

    /** Copies a run of ordinary octets at once, up to the next CR or LF. */
    private void copyText(ByteBuf in) {
        int stop = in.forEachByte(ByteProcessor.FIND_CRLF);
        int end = stop < 0 ? in.writerIndex() : stop;
        int count = end - in.readerIndex();
        if (accept(count)) {
            try {
                content.write(in, in.readerIndex(), count);
            } catch (IOException e) {
                storageFailure = e;
            }
        }
        in.readerIndex(end);
        if (stop >= 0) {
            text(in.readByte());
        }
    }

    private void text(byte b) {
        if (b == '\r') {
            state = State.CR;
            return;
        }
        if (b == '\n') {
            bareLineEnding = true;
        }
        store(b);
        state = State.TEXT;
    }

    private void afterCr(byte b) {
        if (b == '\n') {
            store((byte) '\r');
            store((byte) '\n');
            state = State.LINE_START;
        } else {
            bareLineEnding = true;
            store((byte) '\r');
            text(b);
        }
    }

    private void store(byte b) {
        if (accept(1)) {
            try {
                content.write(b);
            } catch (IOException e) {
                storageFailure = e;
            }
        }
    }

    /** Counts octets toward the size limit; whether they are still to be stored. */
    private boolean accept(int count) {
        size += count;
        return size <= sizeLimit && storageFailure == null;
    }
}
