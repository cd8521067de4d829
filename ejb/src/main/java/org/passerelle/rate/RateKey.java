package org.passerelle.rate;

/** One counted thing: a client's connections, or an application's messages or deliveries. */
public record RateKey(RateKind kind, String subject) {
}
