package org.passerelle.dkim;

import java.util.Locale;
import java.util.regex.Pattern;

import org.passerelle.refusal.Refusal;

/** A signing domain as the central service gives it: a DNS name of two labels or more, in lower case. */
final class SigningDomain {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private SigningDomain() {
    }

    /** @throws Refusal naming {@code domain} when it is not one */
    static String parse(String text) {
        if (text == null || text.isBlank()) {
            throw Refusal.invalid("domain", "the signing domain, as the From: addresses of the mail it signs have it");
        }
        String name = text.strip().toLowerCase(Locale.ROOT);
        String[] labels = name.split("\\.", -1);
        boolean valid = name.length() <= 253 && labels.length >= 2;
        for (String label : labels) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw Refusal.invalid("domain", "not a domain name of two labels or more: " + text.strip());
        }
        return name;
    }
}
