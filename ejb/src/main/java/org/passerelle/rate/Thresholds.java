package org.passerelle.rate;

/**
 * Connections per hour above which a client raises an alert, and above which its new connections
 * are refused; 0 for never.
 *
 * @param source where they come from, for the log and the alert ("default", "application billing",
 *               "exception 192.0.2.0/24")
 */
public record Thresholds(long alert, long block, String source) {

    public Thresholds {
        if (alert < 0 || block < 0) {
            throw new IllegalArgumentException("a threshold is 0 (never) or more");
        }
    }

    public boolean alerts(long count) {
        return alert > 0 && count > alert;
    }

    public boolean blocks(long count) {
        return block > 0 && count > block;
    }
}
