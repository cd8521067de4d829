package org.passerelle.rate;

import java.util.Locale;

/** What is counted per sliding hour, and about whom. */
public enum RateKind {
    /** SMTP connections of a client (an IPv4 address or an IPv6 /64), on every listener. */
    CONNECTIONS,
    /** Messages an application's clients had queued. */
    MESSAGES,
    /** Delivery attempts of an application's messages. */
    DELIVERIES;

    /** The name in the database and the API. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RateKind of(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
