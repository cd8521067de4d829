package org.passerelle.smtp.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.passerelle.smtp.MessageContent;

import io.netty.buffer.ByteBuf;

/**
 * A received message: kept in memory up to 256 KiB, spilled to a temporary file (readable by its
 * owner only) beyond, so that a large message never sits whole on the heap. {@link #close()}
 * deletes the file; the content cannot be read afterwards.
 */
final class MessageBuffer implements MessageContent, AutoCloseable {

    static final int MEMORY_LIMIT = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(MessageBuffer.class.getName());

    private byte[] memory = new byte[8 * 1024];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean closed;

    void write(byte b) throws IOException {
        if (file == null && size < MEMORY_LIMIT) {
            reserve(1);
            memory[(int) size] = b;
        } else {
            spilled().write(b);
        }
        size++;
    }

    void write(ByteBuf source, int index, int count) throws IOException {
        if (file == null && size + count <= MEMORY_LIMIT) {
            reserve(count);
            source.getBytes(index, memory, (int) size, count);
        } else {
            source.getBytes(index, spilled(), count);
        }
        size += count;
    }

    private void reserve(int count) {
        int needed = (int) size + count;
        if (needed > memory.length) {
            memory = Arrays.copyOf(memory, Math.min(MEMORY_LIMIT, Math.max(needed, memory.length * 2)));
        }
    }

    private OutputStream spilled() throws IOException {
        if (file == null) {
            file = Files.createTempFile("passerelle-message-", ".eml");
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            fileOut.write(memory, 0, (int) size);
            memory = null;
        }
        return fileOut;
    }

    /** The temporary file holding the content; {@code null} while it fits in memory. */
    Path file() {
        return file;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream openStream() throws IOException {
        if (closed) {
            throw new IOException("the message content was released when the DATA stage ended");
        }
        if (file == null) {
            return new ByteArrayInputStream(memory, 0, (int) size);
        }
        fileOut.flush();
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        closed = true;
        memory = null;
        if (file != null) {
            try (OutputStream out = fileOut) {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete the temporary message file " + file, e);
            }
        }
    }
}
