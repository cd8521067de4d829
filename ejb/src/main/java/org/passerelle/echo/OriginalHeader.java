package org.passerelle.echo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.passerelle.spool.HeaderScanner;

/**
 * The header section of a message as its client sent it, up to {@value #LIMIT} octets (a reply
 * quotes it; a header section without end must not make it grow), with CRLF line ends.
 *
 * @param truncated whether the section was longer than {@value #LIMIT} octets
 */
public record OriginalHeader(String text, boolean truncated) {

    static final int LIMIT = 64 * 1024;

    public static OriginalHeader read(InputStream message) {
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            int previous = -1;
            int lineLength = 0;
            int b;
            while ((b = message.read()) != -1) {
                if (header.size() >= LIMIT) {
                    return new OriginalHeader(header.toString(StandardCharsets.UTF_8), true);
                }
                if (b == '\n' && previous == '\r' && lineLength == 1) {
                    break;
                }
                header.write(b);
                lineLength = b == '\n' ? 0 : lineLength + 1;
                previous = b;
            }
            String text = header.toString(StandardCharsets.UTF_8);
            // the blank line's CR was written before its LF was seen
            return new OriginalHeader(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, false);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the message's header section failed", e);
        }
    }

    /** The unfolded, trimmed value of the first field with that name, if present. */
    public Optional<String> field(String name) {
        try {
            return HeaderScanner.find(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
