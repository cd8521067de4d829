package org.passerelle.report;

import java.util.Locale;

/**
 * The figures of the daily rollup ({@code traffic_day}), each a column: messages accepted, their
 * bytes, SMTP transactions refused, and recipients delivered, deferred (an attempt that will be
 * retried) and bounced (refused by the next hop, or expired).
 */
public enum TrafficCounter {
    ACCEPTED, DELIVERED, DEFERRED, BOUNCED, REFUSED, BYTES;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
