package org.passerelle.smtp;

import java.util.Objects;

/**
 * What a client gave with AUTH (RFC 4954), decoded: PLAIN carries all three, LOGIN no
 * authorization identity. The password never appears in {@link #toString()}.
 *
 * @param authorizationId the identity to act as, empty when the client asked for none
 * @param userName        the authentication identity
 * @param password        the password, as sent
 */
public record Credentials(String authorizationId, String userName, String password) {

    public Credentials {
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The user name as it may go into a log line: a client chooses it, so control characters
     * (CR and LF would forge log lines) and other non-printing ones are written as backslash
     * escapes (x and two hex digits, or u and four), and a backslash is doubled.
     */
    public String printableUserName() {
        return printable(userName);
    }

    /** {@code text} with control and other non-printing characters escaped, for a log line. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02X", c));
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return "Credentials[authorizationId=" + printable(authorizationId) + ", userName=" + printableUserName() + ", password=****]";
    }
}
