package org.passerelle.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds one header field in the header section of a message without reading its body. Reads at
 * most {@value #HEADER_LIMIT} octets, so a message without a blank line cannot make it read all.
 */
public final class HeaderScanner {

    private static final int HEADER_LIMIT = 256 * 1024;

    private HeaderScanner() {
    }

    /** The unfolded, trimmed value of the first field with that name, if present. */
    public static Optional<String> find(InputStream message, String fieldName) throws IOException {
        String wanted = fieldName.toLowerCase(Locale.ROOT) + ":";
        String field = null;
        int read = 0;
        String line;
        while (read < HEADER_LIMIT && (line = readLine(message)) != null && !line.isEmpty()) {
            read += line.length() + 2;
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation && field != null) {
                field += " " + line.trim();
            } else if (field != null) {
                break;
            } else if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                field = line.substring(wanted.length()).trim();
            }
        }
        return Optional.ofNullable(field).map(String::trim);
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
