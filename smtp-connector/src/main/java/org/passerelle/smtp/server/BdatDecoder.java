package org.passerelle.smtp.server;

import io.netty.buffer.ByteBuf;

/**
 * Reads one BDAT chunk (RFC 3030 §2): exactly the announced number of octets, taken as they are
 * (no dot-stuffing, no end marker), whatever they hold. A chunk the session cannot take (a BDAT
 * out of sequence) is still read, and dropped: its octets must never be read as commands.
 */
final class BdatDecoder {

    private final MessageSink sink;
    private long remaining;

    private BdatDecoder(MessageSink sink, long size) {
        this.sink = sink;
        this.remaining = size;
    }

    /** A chunk that goes into {@code sink}. */
    static BdatDecoder into(MessageSink sink, long size) {
        return new BdatDecoder(sink, size);
    }

    /** A chunk that is read and dropped. */
    static BdatDecoder discarding(long size) {
        return new BdatDecoder(null, size);
    }

    /** Consumes chunk octets; returns {@code true} once the whole chunk has been read. */
    boolean decode(ByteBuf in) {
        int count = (int) Math.min(remaining, in.readableBytes());
        if (sink != null) {
            sink.write(in, in.readerIndex(), count);
        }
        in.skipBytes(count);
        remaining -= count;
        return remaining == 0;
    }

    /** Whether this chunk is dropped rather than kept. */
    boolean discards() {
        return sink == null;
    }
}
