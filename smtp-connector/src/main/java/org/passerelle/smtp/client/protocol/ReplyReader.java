package org.passerelle.smtp.client.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.passerelle.smtp.client.SmtpReply;

/**
 * Reads the replies of a next hop (RFC 5321 §4.2): {@code code-text} lines up to the
 * {@code code text} line, all with the same code. A reply that breaks that shape is a protocol
 * error: nothing more said on that connection can be trusted.
 */
final class ReplyReader {

    /** RFC 5321 §4.5.3.1.5 allows 512 octets; text beyond this is dropped, not kept. */
    private static final int LINE_LIMIT = 1000;
    /** An EHLO reply has a line per extension; no honest reply comes near this. */
    private static final int LINES_LIMIT = 100;

    private final InputStream in;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            int lineCode = code(line);
            if (code != -1 && lineCode != code) {
                throw new ProtocolException("reply lines with different codes: " + code + " then " + line);
            }
            code = lineCode;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(code, lines);
            }
            if (lines.size() == LINES_LIMIT) {
                throw new ProtocolException("reply of more than " + LINES_LIMIT + " lines");
            }
        }
    }

    /** Whether the next hop has sent more than it was asked for. */
    boolean hasUnreadInput() throws IOException {
        return in.available() > 0;
    }

    private static int code(String line) throws ProtocolException {
        boolean shaped = line.length() >= 3
                && line.charAt(0) >= '2' && line.charAt(0) <= '5'
                && Character.isDigit(line.charAt(1)) && Character.isDigit(line.charAt(2))
                && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
        if (!shaped) {
            throw new ProtocolException("malformed reply line: " + line);
        }
        return Integer.parseInt(line.substring(0, 3));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed by the next hop");
            }
            if (line.size() < LINE_LIMIT) {
                line.write(b);
            }
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
