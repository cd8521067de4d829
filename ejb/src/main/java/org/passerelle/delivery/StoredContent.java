package org.passerelle.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;

/**
 * The content of a message being delivered, read as often as its attempt needs it (the hop count,
 * then each host). A message up to {@value #IN_MEMORY_LIMIT} bytes is fetched from the store once
 * and kept for the attempt; a larger one is streamed from the store at each read.
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

    static StoredContent of(MessageStore store, QueueId id, long size) {
        return new StoredContent(store, id, size <= IN_MEMORY_LIMIT ? store.read(id, InputStream::readAllBytes) : null);
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
