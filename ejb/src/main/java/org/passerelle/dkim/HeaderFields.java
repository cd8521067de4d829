package org.passerelle.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.jdkim.api.Headers;

import org.passerelle.smtp.MessageContent;

/**
 * The header fields of a message as it will be sent, each as written (folding kept, no final
 * CRLF), which the signer hashes; and where the body starts. Reads at most {@value #HEADER_LIMIT}
 * octets: a message whose header section does not end by then is not signed.
 */
public final class HeaderFields implements Headers {

    static final int HEADER_LIMIT = 256 * 1024;
    private static final int CHUNK = 8192;
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>]*@[^<>]*)>");
    private static final Pattern BARE_ADDRESS = Pattern.compile("([^\\s<>(),;:\"]+@[^\\s<>(),;:\"]+)");

    private final List<String> fields;
    private final long bodyOffset;

    private HeaderFields(List<String> fields, long bodyOffset) {
        this.fields = List.copyOf(fields);
        this.bodyOffset = bodyOffset;
    }

    /** The fields, or empty when the header section does not end within the limit. */
    public static Optional<HeaderFields> of(MessageContent content) throws IOException {
        try (InputStream in = content.openStream()) {
            return parse(headerSection(in));
        }
    }

    /**
     * The octets up to the end of the header section (or the limit), read a chunk at a time: every
     * application message is read here, and reading its whole body cost as much as its delivery.
     */
    private static byte[] headerSection(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        int searched = 0;
        while (read.size() < HEADER_LIMIT) {
            int n = in.readNBytes(chunk, 0, Math.min(CHUNK, HEADER_LIMIT - read.size()));
            if (n == 0) {
                break;
            }
            read.write(chunk, 0, n);
            byte[] bytes = read.toByteArray();
            if (endsHeader(bytes, searched)) {
                return bytes;
            }
            searched = Math.max(0, bytes.length - 3);
        }
        return read.toByteArray();
    }

    /** Whether an empty line (or an empty header section) appears from {@code from} on. */
    private static boolean endsHeader(byte[] bytes, int from) {
        if (bytes.length >= 2 && bytes[0] == '\r' && bytes[1] == '\n') {
            return true;
        }
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return true;
            }
        }
        return false;
    }

    static Optional<HeaderFields> parse(byte[] start) {
        String text = new String(start, StandardCharsets.ISO_8859_1);
        int end;
        String section;
        if (text.startsWith("\r\n")) {
            return Optional.of(new HeaderFields(List.of(), 2));
        }
        end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return Optional.empty();
        }
        section = text.substring(0, end + 2);
        List<String> fields = new ArrayList<>();
        StringBuilder field = null;
        for (int lineStart = 0; lineStart < section.length(); ) {
            int lineEnd = section.indexOf("\r\n", lineStart);
            String line = section.substring(lineStart, lineEnd);
            lineStart = lineEnd + 2;
            if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
                field.append("\r\n").append(line);
            } else {
                if (field != null) {
                    fields.add(field.toString());
                }
                field = new StringBuilder(line);
            }
        }
        if (field != null) {
            fields.add(field.toString());
        }
        return Optional.of(new HeaderFields(fields, end + 4));
    }

    /** Where the body starts in the content: after the blank line that ends the header section. */
    public long bodyOffset() {
        return bodyOffset;
    }

    @Override
    public List<String> getFields() {
        return fields;
    }

    /** The fields of that name (any case), in the order of the message. */
    @Override
    public List<String> getFields(String name) {
        String prefix = name.toLowerCase(Locale.ROOT);
        List<String> named = new ArrayList<>();
        for (String field : fields) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(prefix)) {
                named.add(field);
            }
        }
        return named;
    }

    /** How many fields have that name. */
    public int count(String name) {
        return getFields(name).size();
    }

    /**
     * The domain of the first address of the first {@code From:} field, in lower case; empty when
     * there is no {@code From:} or no address in it.
     */
    public Optional<String> fromDomain() {
        List<String> from = getFields("from");
        if (from.isEmpty()) {
            return Optional.empty();
        }
        String value = from.get(0).substring(from.get(0).indexOf(':') + 1).replace("\r\n", "");
        Matcher angle = ANGLE_ADDRESS.matcher(value);
        String address = angle.find() ? angle.group(1) : null;
        if (address == null) {
            Matcher bare = BARE_ADDRESS.matcher(value);
            address = bare.find() ? bare.group(1) : null;
        }
        if (address == null) {
            return Optional.empty();
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        return domain.isEmpty() ? Optional.empty() : Optional.of(domain);
    }
}
