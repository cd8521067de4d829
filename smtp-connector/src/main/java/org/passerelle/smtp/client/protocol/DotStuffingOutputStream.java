package org.passerelle.smtp.client.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content as SMTP DATA (RFC 5321 §4.5.2): a line that starts with a dot gets a
 * second one, lines end in CRLF, and {@link #finish()} adds the terminating {@code .} line.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private boolean atLineStart = true;
    private int previous = -1;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && previous != '\r') {
            out.write('\r');
        }
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = b == '\n';
        previous = b;
    }

    /** As {@link #write(int)} octet by octet, but passes on the runs between insertions whole. */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int run = offset;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && previous != '\r') {
                out.write(bytes, run, i - run);
                out.write('\r');
                run = i;
            }
            if (atLineStart && b == '.') {
                out.write(bytes, run, i - run);
                out.write('.');
                run = i;
            }
            atLineStart = b == '\n';
            previous = b;
        }
        out.write(bytes, run, offset + length - run);
    }

    void finish() throws IOException {
        if (!atLineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }

    @Override
    public void close() {
        // the socket is the caller's to close
    }
}
