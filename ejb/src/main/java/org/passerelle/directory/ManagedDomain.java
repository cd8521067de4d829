package org.passerelle.directory;

import java.util.Locale;

/**
 * A mail domain the gateway takes mail for: {@code local} domains have their recipients in the
 * directory, {@code relay} domains are passed on to their next hop.
 *
 * @param nextHop the domain's default next hop ({@code [host]:port}), or {@code null}
 */
public record ManagedDomain(String name, Kind kind, String nextHop) {

    public enum Kind {
        LOCAL, RELAY;

        public static Kind of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public ManagedDomain {
        name = name.toLowerCase(Locale.ROOT);
    }

    /** Whether the domain is this one or one of its subdomains ({@code billing.managed.test} of {@code managed.test}). */
    public boolean covers(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        return candidate.equals(name) || candidate.endsWith("." + name);
    }
}
