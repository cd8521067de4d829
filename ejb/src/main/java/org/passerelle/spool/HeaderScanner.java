package org.passerelle.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads header fields from the header section of a message without reading its body. Reads at
 * most {@value #HEADER_LIMIT} octets, so a message without a blank line cannot make it read all.
 */
public final class HeaderScanner {

    private static final int HEADER_LIMIT = 256 * 1024;

    private final InputStream message;
    private int read;

    private HeaderScanner(InputStream message) {
        this.message = message;
    }

    /** The unfolded, trimmed value of the first field with that name, if present. */
    public static Optional<String> find(InputStream message, String fieldName) throws IOException {
        HeaderScanner header = new HeaderScanner(message);
        String field = null;
        String line;
        while ((line = header.nextLine()) != null) {
            if (continuation(line) && field != null) {
                field += " " + line.trim();
            } else if (field != null) {
                break;
            } else if (named(line, fieldName)) {
                field = line.substring(fieldName.length() + 1).trim();
            }
        }
        return Optional.ofNullable(field).map(String::trim);
    }

    /** How many fields have that name, e.g. the {@code Received:} fields that count a message's hops. */
    public static int count(InputStream message, String fieldName) throws IOException {
        HeaderScanner header = new HeaderScanner(message);
        int count = 0;
        String line;
        while ((line = header.nextLine()) != null) {
            if (named(line, fieldName)) {
                count++;
            }
        }
        return count;
    }

    private static boolean continuation(String line) {
        return line.charAt(0) == ' ' || line.charAt(0) == '\t';
    }

    private static boolean named(String line, String fieldName) {
        return line.toLowerCase(Locale.ROOT).startsWith(fieldName.toLowerCase(Locale.ROOT) + ":");
    }

    /** The next line of the header section, or {@code null} at its end or at the limit. */
    private String nextLine() throws IOException {
        if (read >= HEADER_LIMIT) {
            return null;
        }
        String line = readLine(message);
        if (line == null || line.isEmpty()) {
            return null;
        }
        read += line.length() + 2;
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
