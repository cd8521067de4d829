package org.passerelle.routing;

import java.util.Locale;

/**
 * One MX record: a mail exchanger of a domain and its preference (lower is tried first).
 * The host is written without its final dot; the root ({@code .}) becomes the empty name.
 */
public record MxRecord(int preference, String host) {

    public MxRecord {
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        host = host.toLowerCase(Locale.ROOT);
    }

    /** An MX record whose exchanger is the root: no host takes mail (RFC 7505, null MX). */
    public boolean nullMx() {
        return host.isEmpty();
    }
}
