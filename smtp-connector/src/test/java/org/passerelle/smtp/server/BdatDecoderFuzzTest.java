package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Any bytes as BDAT chunks of any sizes, cut into any reads: each chunk takes exactly its size,
 * whatever the octets; no more than the size limit is stored; the message is judged as the plain
 * RFC rules do, and a good one is kept octet for octet.
 */
class BdatDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void takesExactlyEachChunkAndKeepsNoMoreThanTheLimit(FuzzedDataProvider data) {
        long limit = data.consumeInt(1, 3000);
        int[] chunks = new int[data.consumeInt(1, 6)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = data.consumeInt(0, 1500);
        }
        int readSize = data.consumeInt(1, 1024);
        byte[] input = data.consumeRemainingAsBytes();

        MessageSink sink = new MessageSink(limit, new MessageBuffer());
        try {
            int offset = 0;
            for (int size : chunks) {
                BdatDecoder chunk = BdatDecoder.into(sink, size);
                int start = offset;
                boolean complete = size == 0;
                while (!complete && offset < input.length) {
                    ByteBuf read = Unpooled.wrappedBuffer(input, offset, Math.min(readSize, input.length - offset));
                    complete = chunk.decode(read);
                    offset += read.readerIndex();
                }
                assertEquals(Math.min(size, input.length - start), offset - start, "octets taken by one chunk");
            }
            byte[] message = MessageReference.head(input, offset);
            byte[] stored = MessageReference.read(sink.content());
            assertTrue(stored.length <= limit, "stored " + stored.length + " octets over a limit of " + limit);
            assertEquals(MessageReference.outcome(message, limit), sink.outcome());
            if (message.length <= limit) {
                assertArrayEquals(message, stored);
            }
        } finally {
            sink.content().close();
        }
    }
}
