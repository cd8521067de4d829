package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Any bytes after DATA, cut into any reads: the decoder stops exactly at the first CRLF "." CRLF
 * and nowhere else, stores no more than the size limit, judges the message as the plain RFC
 * rules do, and keeps exactly the dot-unstuffed text of a good one.
 */
class DataDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void endsOnlyAtTheRealEndAndKeepsNoMoreThanTheLimit(FuzzedDataProvider data) {
        long limit = data.consumeInt(1, 3000);
        int[] reads = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = data.consumeInt(1, 2048);
        }
        byte[] input = data.consumeRemainingAsBytes();

        DataDecoder decoder = new DataDecoder(new MessageSink(limit, new MessageBuffer()));
        int consumed = decode(decoder, input, reads);
        try {
            int end = MessageReference.endOfData(input);
            assertEquals(end < 0 ? input.length : end, consumed, "where the message ended");
            MessageSink sink = decoder.sink();
            byte[] stored = MessageReference.read(sink.content());
            assertTrue(stored.length <= limit, "stored " + stored.length + " octets over a limit of " + limit);
            if (end >= 0) {
                byte[] text = MessageReference.unstuffed(MessageReference.head(input, Math.max(0, end - 3)));
                assertEquals(MessageReference.outcome(text, limit), sink.outcome());
                if (sink.outcome() == MessageSink.Outcome.COMPLETE) {
                    assertArrayEquals(text, stored);
                }
            }
        } finally {
            decoder.sink().content().close();
        }
    }

    /** Feeds the input in reads of the given sizes, cycling; returns how many octets the decoder took. */
    private static int decode(DataDecoder decoder, byte[] input, int[] reads) {
        int offset = 0;
        for (int i = 0; offset < input.length; i++) {
            int length = Math.min(reads[i % reads.length], input.length - offset);
            ByteBuf read = Unpooled.wrappedBuffer(input, offset, length);
            boolean ended = decoder.decode(read);
            offset += read.readerIndex();
            if (ended) {
                return offset;
            }
            assertEquals(length, read.readerIndex(), "the decoder left octets unread without ending");
        }
        return offset;
    }
}
