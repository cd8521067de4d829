package org.passerelle.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;

/**
 * The content of a message being delivered, read as often as its attempt needs it (the hop count,
 * then each host). A message up to {@value #IN_MEMORY_LIMIT} bytes is fetched from the store once,
 * with the others of its part, and kept for the attempt; a larger one is streamed from the store at
 * each read.
 */
final class StoredContent {

    private static final long IN_MEMORY_LIMIT = 1024 * 1024;

    private final MessageStore store;
    private final QueueId id;
    private final byte[] bytes;

    private StoredContent(MessageStore store, QueueId id, byte[] bytes) {
        this.store = store;
        this.id = id;
        this.bytes = bytes;
    }

    /** Whether a message of that size is read whole, ahead of its attempt. */
    static boolean readWhole(long size) {
        return size <= IN_MEMORY_LIMIT;
    }

    /** @param whole the content read ahead ({@link #readWhole}), or {@code null} to stream it from the store at each read */
    static StoredContent of(MessageStore store, QueueId id, byte[] whole) {
        return new StoredContent(store, id, whole);
    }

    <T> T read(MessageStore.ContentReader<T> reader) {
        if (bytes == null) {
            return store.read(id, reader);
        }
        try {
            return reader.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("reading message " + id + " failed", e);
        }
    }
}
