package org.passerelle.smtp.server;

/**
 * The xtext encoding of DSN parameters (RFC 3461 §4): printable ASCII but {@code +} and
 * {@code =} as themselves, any other octet as {@code +} and two upper-case hex digits.
 */
final class Xtext {

    private Xtext() {
    }

    /** The decoded text, or {@code null} when {@code text} is not xtext or decodes to other than printable ASCII. */
    static String decode(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                int value = i + 2 < text.length() ? hex(text.charAt(i + 1), text.charAt(i + 2)) : -1;
                if (value < 0) {
                    return null;
                }
                c = (char) value;
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                return null;
            }
            if (c < ' ' || c > '~') {
                return null;
            }
            decoded.append(c);
        }
        return decoded.toString();
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        // RFC 3461 §4: "upper case hexadecimal"
        if (h < 0 || l < 0 || Character.isLowerCase(high) || Character.isLowerCase(low)) {
            return -1;
        }
        return h * 16 + l;
    }
}
