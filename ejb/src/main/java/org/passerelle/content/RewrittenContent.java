package org.passerelle.content;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.passerelle.smtp.MessageContent;

/**
 * A received message with the checks' {@link MessageRewrite}: its header lines first, then the
 * message's own header section with the subject tagged (a {@code Subject:} added when there was
 * none) and without the fields the checks write (a sender's own {@code X-status: LOW} must not
 * pass for ours), then the body, read from the original content, never copied whole. A header section
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
        byte[] section = headerSection(original);
        if (section == null) {
            return new RewrittenContent(original, head.toByteArray(), 0);
        }
        Set<String> written = rewrite.headers().stream()
                .map(header -> header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        head.write(rewritten(section, rewrite.subjectTag(), written));
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

    /** @param tag {@code null}: the subject stays as it is */
    private static byte[] rewritten(byte[] section, String tag, Set<String> dropped) {
        String text = new String(section, StandardCharsets.ISO_8859_1);
        StringBuilder result = new StringBuilder(text.length() + 64);
        boolean found = false;
        boolean dropping = false;
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf("\r\n", lineStart);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd + 2;
            String line = text.substring(lineStart, lineEnd);
            lineStart = lineEnd;
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                int colon = line.indexOf(':');
                dropping = colon > 0 && dropped.contains(line.substring(0, colon).trim().toLowerCase(Locale.ROOT));
            }
            if (dropping) {
                continue;
            }
            if (tag != null && !found && line.regionMatches(true, 0, "Subject:", 0, 8)) {
                found = true;
                String value = line.substring(8).stripLeading();
                line = "Subject: " + tag + (value.startsWith("\r\n") ? value : " " + value);
            }
            result.append(line);
        }
        if (tag != null && !found) {
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
