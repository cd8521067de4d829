package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

class MessageBufferTest {

    @Test
    void keeps256KiBInMemory() throws IOException {
        byte[] bytes = randomBytes(MessageBuffer.MEMORY_LIMIT);
        try (MessageBuffer buffer = new MessageBuffer()) {
            buffer.write(Unpooled.wrappedBuffer(bytes), 0, bytes.length);

            assertNull(buffer.file());
            assertArrayEquals(bytes, read(buffer));
        }
    }

    @Test
    void spillsToAFileOneByteBeyond256KiB() throws IOException {
        byte[] bytes = randomBytes(MessageBuffer.MEMORY_LIMIT);
        try (MessageBuffer buffer = new MessageBuffer()) {
            buffer.write(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
            buffer.write((byte) 'x');

            assertNotNull(buffer.file());
            assertEquals(bytes.length + 1L, buffer.size());
            byte[] read = read(buffer);
            assertEquals('x', read[bytes.length]);
            assertArrayEquals(read, read(buffer));
        }
    }

    @Test
    void deletesItsFileAndRefusesReadsOnceClosed() throws IOException {
        MessageBuffer buffer = new MessageBuffer();
        byte[] bytes = randomBytes(MessageBuffer.MEMORY_LIMIT + 1);
        buffer.write(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
        Path file = buffer.file();
        assertTrue(Files.exists(file));

        buffer.close();

        assertFalse(Files.exists(file));
        assertThrows(IOException.class, buffer::openStream);
    }

    private static byte[] read(MessageBuffer buffer) throws IOException {
        try (InputStream in = buffer.openStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }
}
