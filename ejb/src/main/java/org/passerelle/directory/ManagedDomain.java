package org.passerelle.directory;

import java.util.Locale;

/**
 * A mail domain the gateway takes mail for: {@code local} domains have their recipients in the
 * directory, {@code relay} domains are passed on to their next hop.
 *
 * @param nextHop   the domain's default next hop ({@code [host]:port}), or {@code null}
 * @param tlsPolicy the TLS policy of deliveries to that next hop as written ({@code pslTlsPolicy}),
 *                  or {@code null} for the SMTP client's default
 */
public record ManagedDomain(String name, Kind kind, String nextHop, String tlsPolicy) {

    public enum Kind {
        LOCAL, RELAY;

        public static Kind of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public ManagedDomain {
        name = name.toLowerCase(Locale.ROOT);
    }

    /** A domain whose next hop, if any, takes the SMTP client's default TLS policy. */
    public ManagedDomain(String name, Kind kind, String nextHop) {
        this(name, kind, nextHop, null);
    }

    /** Whether the domain is this one or one of its subdomains ({@code billing.managed.test} of {@code managed.test}). */
    public boolean covers(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        return candidate.equals(name) || candidate.endsWith("." + name);
    }
}
