package org.passerelle.smtp.client.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Folds text lines longer than RFC 5321 allows (§4.5.3.1.6: 1000 octets with CRLF) before they
 * reach the next hop, as Postfix's SMTP client does ({@code smtp_line_length_limit = 998}): after
 * 998 octets a line goes on after CRLF and a space. In a header that is a folding (RFC 5322
 * §2.2.3), in a body an extra line break; either way the next hop receives a conforming message
 * instead of refusing or cutting it. A line that starts with a dot counts that dot twice, since
 * dot-stuffing will double it.
 */
final class LineFoldingOutputStream extends FilterOutputStream {

    /** Octets of a text line without its CRLF. */
    static final int LINE_LENGTH_LIMIT = 998;

    private static final byte[] FOLD = {'\r', '\n', ' '};

    private int lineLength;

    LineFoldingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\r' || b == '\n') {
            lineLength = b == '\n' ? 0 : lineLength;
            out.write(b);
            return;
        }
        if (lineLength >= LINE_LENGTH_LIMIT) {
            out.write(FOLD);
            lineLength = 1;
        }
        lineLength += lineLength == 0 && b == '.' ? 2 : 1;
        out.write(b);
    }

    /** As {@link #write(int)} octet by octet, but passes on the runs between foldings whole. */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int run = offset;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                lineLength = b == '\n' ? 0 : lineLength;
                continue;
            }
            if (lineLength >= LINE_LENGTH_LIMIT) {
                out.write(bytes, run, i - run);
                out.write(FOLD);
                run = i;
                lineLength = 1;
            }
            lineLength += lineLength == 0 && b == '.' ? 2 : 1;
        }
        out.write(bytes, run, offset + length - run);
    }

    @Override
    public void close() {
        // the socket is the caller's to close
    }
}
