package org.passerelle.smtp.server;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Where the text of one message goes, after DATA's dot-unstuffing or straight from BDAT chunks:
 * it counts the octets against the size limit and stores no more than the limit, and it checks
 * the lines. A message is refused as a whole at its end when it was too large, held a bare CR or
 * LF (SMTP smuggling), or a line longer than 1000 octets with its CRLF (RFC 5321 §4.5.3.1.6):
 * nothing is cut or rewritten.
 */
final class MessageSink {

    enum Outcome { COMPLETE, TOO_LARGE, BARE_LINE_ENDING, LINE_TOO_LONG, STORAGE_FAILED }

    /** Octets of a text line, CRLF included. */
    static final int MAX_LINE_LENGTH = 1000;

    private final long sizeLimit;
    private final MessageBuffer content;
    private long size;
    /** Octets of the current line so far, its CR included; kept at most at the limit. */
    private int lineLength;
    private boolean afterCr;
    private boolean bareLineEnding;
    private boolean lineTooLong;
    private IOException storageFailure;

    MessageSink(long sizeLimit, MessageBuffer content) {
        this.sizeLimit = sizeLimit;
        this.content = content;
    }

    void write(byte b) {
        if (count(1)) {
            lineOctet(b);
            try {
                content.write(b);
            } catch (IOException e) {
                storageFailure = e;
            }
        }
    }

    void write(ByteBuf source, int index, int length) {
        if (length > 0 && count(length)) {
            checkLines(source, index, length);
            try {
                content.write(source, index, length);
            } catch (IOException e) {
                storageFailure = e;
            }
        }
    }

    /** Whether more octets came than the size limit allows. */
    boolean overLimit() {
        return size > sizeLimit;
    }

    Outcome outcome() {
        if (overLimit()) {
            return Outcome.TOO_LARGE;
        }
        if (bareLineEnding) {
            return Outcome.BARE_LINE_ENDING;
        }
        if (lineTooLong) {
            return Outcome.LINE_TOO_LONG;
        }
        return storageFailure == null ? Outcome.COMPLETE : Outcome.STORAGE_FAILED;
    }

    MessageBuffer content() {
        return content;
    }

    IOException storageFailure() {
        return storageFailure;
    }

    /** Counts octets toward the size limit; whether they are still to be checked and stored. */
    private boolean count(int length) {
        size += length;
        return size <= sizeLimit && storageFailure == null;
    }

    /** Runs of ordinary octets are only counted; CR and LF are looked at one by one. */
    private void checkLines(ByteBuf source, int index, int length) {
        int end = index + length;
        int from = index;
        while (from < end) {
            int stop = source.forEachByte(from, end - from, ByteProcessor.FIND_CRLF);
            int run = (stop < 0 ? end : stop) - from;
            if (run > 0) {
                text(run);
            }
            if (stop < 0) {
                return;
            }
            lineOctet(source.getByte(stop));
            from = stop + 1;
        }
    }

    private void lineOctet(byte b) {
        if (b == '\n') {
            bareLineEnding |= !afterCr;
            afterCr = false;
            lineLength = 0;
        } else if (b == '\r') {
            bareLineEnding |= afterCr;
            afterCr = true;
            grow(1);
        } else {
            text(1);
        }
    }

    private void text(int octets) {
        bareLineEnding |= afterCr;
        afterCr = false;
        grow(octets);
    }

    /** A line is too long once it cannot end within the limit: its LF would make it longer. */
    private void grow(int octets) {
        lineLength = (int) Math.min(MAX_LINE_LENGTH, (long) lineLength + octets);
        lineTooLong |= lineLength >= MAX_LINE_LENGTH;
    }
}
