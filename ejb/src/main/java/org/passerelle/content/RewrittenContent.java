package org.passerelle.content;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.passerelle.smtp.MessageContent;

/**
 * A received message with the checks' {@link MessageRewrite}: its header lines first, then the
 * message's own header section with the subject tagged (a {@code Subject:} added when there was
 * none), then the body, read from the original content, never copied whole. A header section
 * longer than {@value #HEADER_LIMIT} bytes, or one that never ends, is left as it is: only the new
 * header lines are put before it.
 */
public final class RewrittenContent implements MessageContent {

    static final int HEADER_LIMIT = 256 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final MessageContent original;
    private final byte[] head;
    private final long replaced;

    private RewrittenContent(MessageContent original, byte[] head, long replaced) {
        this.original = original;
        this.head = head;
        this.replaced = replaced;
    }

    public static MessageContent of(MessageContent original, MessageRewrite rewrite) throws IOException {
        if (!rewrite.changes()) {
            return original;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (String header : rewrite.headers()) {
            head.write(header.getBytes(StandardCharsets.US_ASCII));
            head.write(CRLF);
        }
        byte[] section = rewrite.subjectTag() == null ? null : headerSection(original);
        if (section == null) {
            return new RewrittenContent(original, head.toByteArray(), 0);
        }
        head.write(tagged(section, rewrite.subjectTag()));
        return new RewrittenContent(original, head.toByteArray(), section.length);
    }

    /** The header section up to its last CRLF (the blank line excluded), or {@code null} when it does not end in time. */
    private static byte[] headerSection(MessageContent content) throws IOException {
        try (InputStream in = content.openStream()) {
            byte[] start = in.readNBytes(HEADER_LIMIT);
            String text = new String(start, StandardCharsets.ISO_8859_1);
            if (text.startsWith("\r\n")) {
                return new byte[0];
            }
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? null : java.util.Arrays.copyOf(start, end + 2);
        }
    }

    private static byte[] tagged(byte[] section, String tag) {
        String text = new String(section, StandardCharsets.ISO_8859_1);
        StringBuilder result = new StringBuilder(text.length() + tag.length() + 16);
        boolean found = false;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf("\r\n", lineStart);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd + 2;
            String line = text.substring(lineStart, lineEnd);
            if (!found && line.regionMatches(true, 0, "Subject:", 0, 8)) {
                found = true;
                String value = line.substring(8).stripLeading();
                line = "Subject: " + tag + (value.startsWith("\r\n") ? value : " " + value);
            }
            result.append(line);
            lineStart = lineEnd;
        }
        if (!found) {
            result.append("Subject: ").append(tag).append("\r\n");
        }
        return result.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public long size() {
        return head.length + original.size() - replaced;
    }

    @Override
    public InputStream openStream() throws IOException {
        InputStream rest = original.openStream();
        rest.skipNBytes(replaced);
        return new SequenceInputStream(new ByteArrayInputStream(head), rest);
    }
}
