package org.passerelle.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A domain as access rules and routes name it: {@code example.test} matches that domain only,
 * {@code *.example.test} matches its subdomains (not the domain itself), and an address literal
 * ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}) matches itself. Case does not matter.
 * The same parser checks what the admin API writes and what the relay reads, so a value the relay
 * could not use is refused when it is written.
 */
public record DomainPattern(String text) {

    // Letters, digits, '-' and '_' (seen in real HELO names), labels of at most 63, not starting or ending with '-'.
    private static final Pattern DOMAIN = Pattern.compile(
            "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    public DomainPattern {
        text = text.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("[") && text.endsWith("]")) {
            literal(text);
        } else {
            String domain = text.startsWith("*.") ? text.substring(2) : text;
            if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("not a domain, *.domain pattern or address literal: " + text);
            }
        }
    }

    private static void literal(String text) {
        String address = text.substring(1, text.length() - 1);
        try {
            NetworkRange.address(address.startsWith("ipv6:") ? address.substring(5) : address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address literal: " + text, e);
        }
    }

    public boolean matches(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        return text.startsWith("*.") ? candidate.endsWith(text.substring(1)) : candidate.equals(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
