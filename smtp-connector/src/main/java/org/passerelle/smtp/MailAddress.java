package org.passerelle.smtp;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox of an SMTP path ({@code local-part@domain}, RFC 5321 §4.1.2). The domain is kept in
 * lower case, since domains compare without case; the local part is kept as sent.
 */
public record MailAddress(String localPart, String domain) {

    /** Compiled once: every address parsed is checked, several times per message. */
    private static final Pattern DOMAIN =
            Pattern.compile("(?i)[a-z0-9\\p{L}]([a-z0-9\\p{L}-]*[a-z0-9\\p{L}])?(\\.[a-z0-9\\p{L}]([a-z0-9\\p{L}-]*[a-z0-9\\p{L}])?)*");

    public MailAddress {
        if (localPart == null || localPart.isEmpty()) {
            throw new IllegalArgumentException("empty local part");
        }
        if (domain == null || domain.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mailbox as written inside an SMTP path, e.g. {@code john@example.com} or
     * {@code "john doe"@example.com}. The domain is the part after the last {@code @} outside quotes.
     *
     * @throws IllegalArgumentException when the text is not a mailbox
     */
    public static MailAddress parse(String text) {
        int at = lastAtOutsideQuotes(text);
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("not a mailbox: " + text);
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!validDomain(domain)) {
            throw new IllegalArgumentException("not a domain: " + domain);
        }
        return new MailAddress(local, domain);
    }

    private static int lastAtOutsideQuotes(String text) {
        boolean quoted = false;
        int at = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '@' && !quoted) {
                at = i;
            }
        }
        return quoted ? -1 : at;
    }

    private static boolean validDomain(String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return domain.length() > 2;
        }
        return DOMAIN.matcher(domain).matches();
    }

    /** Whether the address holds non-ASCII characters, which only SMTPUTF8 (RFC 6531) may carry. */
    public boolean needsSmtpUtf8() {
        return !(localPart + domain).chars().allMatch(c -> c < 0x80);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
