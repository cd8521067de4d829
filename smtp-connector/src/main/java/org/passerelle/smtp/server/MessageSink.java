package org.passerelle.smtp.server;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Where the text of one message goes, after DATA's dot-unstuffing or straight from BDAT chunks:
 * it counts the octets against the size limit and stores no more than the limit, and it checks
 * the lines. A message is refused as a whole at its end when it was too large, held a bare CR or
 * LF (SMTP smuggling) or a NUL octet (which a lenient next hop may skip, so that a fake end of
 * data hidden behind NULs would end the message there). Lines longer than RFC 5321's 1000 octets
 * are accepted as they are: the SMTP client folds them when it passes the message on.
 */
final class MessageSink {

    enum Outcome { COMPLETE, TOO_LARGE, BARE_LINE_ENDING, NUL_CHARACTER, STORAGE_FAILED }

    /** Stops at the octets looked at one by one. */
    private static final ByteProcessor FIND_CR_LF_NUL = b -> b != '\r' && b != '\n' && b != 0;

    private final long sizeLimit;
    private final MessageBuffer content;
    private long size;
    private boolean afterCr;
    private boolean bareLineEnding;
    private boolean nul;
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
        if (nul) {
            return Outcome.NUL_CHARACTER;
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

    /** Runs of ordinary octets are only checked for a CR before them; CR, LF and NUL are looked at one by one. */
    private void checkLines(ByteBuf source, int index, int length) {
        int end = index + length;
        int from = index;
        while (from < end) {
            int stop = source.forEachByte(from, end - from, FIND_CR_LF_NUL);
            int run = (stop < 0 ? end : stop) - from;
            if (run > 0) {
                text();
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
        } else if (b == '\r') {
            bareLineEnding |= afterCr;
            afterCr = true;
        } else {
            nul |= b == 0;
            text();
        }
    }

    private void text() {
        bareLineEnding |= afterCr;
        afterCr = false;
    }
}
