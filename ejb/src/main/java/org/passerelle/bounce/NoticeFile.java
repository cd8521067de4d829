package org.passerelle.bounce;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.passerelle.smtp.MessageContent;

/**
 * A notice written to a temporary file before it is spooled: the spool needs its length before it
 * reads it, and a notice that returns a large message must not be held on the heap. The file is
 * deleted when closed. A distribution list's copy of a stored message is written the same way.
 */
public final class NoticeFile implements MessageContent, AutoCloseable {

    private final Path path;

    private NoticeFile(Path path) {
        this.path = path;
    }

    /** What writes the notice into the file. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A new file holding what {@code writing} writes; none is left behind when it fails. */
    public static NoticeFile written(Writing writing) throws IOException {
        NoticeFile file = new NoticeFile(Files.createTempFile("passerelle-notice-", ".eml"));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.path))) {
            writing.writeTo(out);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    @Override
    public long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of notice " + path + " failed", e);
        }
    }

    @Override
    public InputStream openStream() throws IOException {
        return new BufferedInputStream(Files.newInputStream(path));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
