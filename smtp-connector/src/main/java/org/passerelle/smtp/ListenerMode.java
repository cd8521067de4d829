package org.passerelle.smtp;

import java.util.Locale;

/** What a listener is for, which decides how it treats TLS and AUTH. */
public enum ListenerMode {

    /** Port 25 style: no AUTH required; STARTTLS and then AUTH offered when a certificate is at hand. */
    RELAY,
    /** Port 587 style (RFC 6409): STARTTLS offered, AUTH only after it, and required before MAIL. */
    SUBMISSION,
    /** Port 465 style (RFC 8314): TLS from the first byte, AUTH required before MAIL. */
    SUBMISSIONS,
    /**
     * No port: deployments on the same server submit through the {@link MailSubmissionFactory}
     * connection factory, as the application its connection definition names (no TLS, no AUTH).
     */
    INSIDE;

    /** The mode named by an activation property: {@code relay}, {@code submission}, {@code submissions} or {@code inside}. */
    public static ListenerMode of(String name) {
        for (ListenerMode mode : values()) {
            if (mode.propertyValue().equalsIgnoreCase(name.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be relay, submission, submissions or inside, not " + name);
    }

    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a client must authenticate before MAIL. */
    public boolean requiresAuth() {
        return this == SUBMISSION || this == SUBMISSIONS;
    }

    /** Whether the listener cannot work without a certificate. */
    public boolean requiresTls() {
        return this == SUBMISSION || this == SUBMISSIONS;
    }
}
