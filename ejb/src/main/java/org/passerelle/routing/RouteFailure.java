package org.passerelle.routing;

import org.passerelle.smtp.client.SmtpReply;

/**
 * Why mail cannot be routed, as a next hop would say it: temporary (4xx, the recipient waits and
 * is tried again) or permanent (5xx, the recipient bounces at once), with an RFC 3463 enhanced
 * status code, so that tracking and bounces treat it like any other reply.
 */
public record RouteFailure(int code, String status, String text) {

    public RouteFailure {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("a routing failure needs a 4xx or 5xx code, not " + code);
        }
        if (!status.matches(code / 100 + "\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("enhanced status " + status + " does not fit code " + code);
        }
    }

    public static RouteFailure tempFail(String status, String text) {
        return new RouteFailure(451, status, text);
    }

    public static RouteFailure reject(int code, String status, String text) {
        return new RouteFailure(code, status, text);
    }

    /** The directory could not be read (RFC 3463 X.4.3, directory server failure). */
    static RouteFailure directoryUnavailable(String detail) {
        return tempFail("4.4.3", "Directory unavailable, routing deferred: " + detail);
    }

    /**
     * Routing data that cannot be used (X.3.5, system incorrectly configured). Temporary, so that the
     * mail waits for the entry to be corrected instead of bouncing or going elsewhere.
     */
    static RouteFailure misconfigured(String detail) {
        return tempFail("4.3.5", "Routing misconfigured: " + detail);
    }

    public boolean permanent() {
        return code >= 500;
    }

    /** The failure as the reply that tracking records and that a bounce quotes. */
    public SmtpReply reply() {
        return SmtpReply.of(code, status + " " + text);
    }

    @Override
    public String toString() {
        return code + " " + status + " " + text;
    }
}
