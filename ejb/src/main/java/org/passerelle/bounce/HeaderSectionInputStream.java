package org.passerelle.bounce;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * The header section of a message (RFC 5322 §2.1): its lines, each with its line ending, up to
 * the empty line that begins the body; all of it when there is no body.
 */
final class HeaderSectionInputStream extends InputStream {

    private final PushbackInputStream message;
    private boolean lineStart = true;
    private boolean ended;

    HeaderSectionInputStream(InputStream message) {
        this.message = new PushbackInputStream(new BufferedInputStream(message), 1);
    }

    @Override
    public int read() throws IOException {
        if (ended) {
            return -1;
        }
        int octet = message.read();
        if (octet == -1 || lineStart && (octet == '\n' || octet == '\r' && followedByLineFeed())) {
            ended = true;
            return -1;
        }
        lineStart = octet == '\n';
        return octet;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = 0;
        while (count < length) {
            int octet = read();
            if (octet == -1) {
                break;
            }
            buffer[offset + count++] = (byte) octet;
        }
        return count == 0 && length > 0 ? -1 : count;
    }

    private boolean followedByLineFeed() throws IOException {
        int next = message.read();
        if (next != '\n' && next != -1) {
            message.unread(next);
        }
        return next == '\n';
    }

    @Override
    public void close() throws IOException {
        message.close();
    }
}
