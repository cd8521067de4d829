package org.passerelle.routing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.passerelle.spool.HeaderScanner;

/**
 * Detects mail that goes round in circles by counting its {@code Received:} fields, one per relay
 * it went through (RFC 5321 §6.3). Only the header section is read, and at most a bounded part of it.
 */
public final class HopCounter {

    private final int limit;

    /** @param limit the most {@code Received:} fields a message may carry and still be delivered */
    public HopCounter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("hop count limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    public int count(InputStream message) throws IOException {
        return HeaderScanner.count(message, "Received");
    }

    /** A permanent failure ({@code 554 5.4.6}, routing loop detected) when the message has more hops than the limit. */
    public Optional<RouteFailure> check(InputStream message) throws IOException {
        int hops = count(message);
        return hops > limit
                ? Optional.of(RouteFailure.reject(554, "5.4.6", "Too many hops: " + hops + " Received headers, the limit is " + limit + " (mail loop?)"))
                : Optional.empty();
    }
}
