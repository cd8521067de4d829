package org.passerelle.directory;

import java.util.Locale;

/**
 * A domain as access rules name it: {@code example.test} matches that domain only,
 * {@code *.example.test} matches its subdomains (not the domain itself). Case does not matter.
 */
public record DomainPattern(String text) {

    public DomainPattern {
        text = text.trim().toLowerCase(Locale.ROOT);
        String domain = text.startsWith("*.") ? text.substring(2) : text;
        if (domain.isEmpty() || domain.contains("*") || domain.startsWith(".") || domain.endsWith(".")) {
            throw new IllegalArgumentException("not a domain or *.domain pattern: " + text);
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
