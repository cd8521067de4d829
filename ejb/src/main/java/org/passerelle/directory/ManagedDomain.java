package org.passerelle.directory;

import java.util.Locale;

/**
 * A mail domain Passerelle takes mail for: {@code local} domains have their recipients in the
 * directory, {@code relay} domains are passed on to their next hop.
 */
public record ManagedDomain(String name, Kind kind) {

    public enum Kind { LOCAL, RELAY }

    public ManagedDomain {
        name = name.toLowerCase(Locale.ROOT);
    }

    public static Kind kind(String text) {
        return Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
