package org.passerelle.smtp.client;

/**
 * Whether a delivery must be encrypted. Either way the certificate of the next hop is not
 * verified: like Postfix's {@code may} and {@code encrypt} levels, this protects against a passive
 * listener, which is what STARTTLS between MX hosts can do (RFC 7435, opportunistic security).
 */
public enum TlsPolicy {
    /** STARTTLS when the next hop offers it, plain text otherwise. */
    OPPORTUNISTIC,
    /** STARTTLS or nothing: when the next hop does not offer it or it fails, every recipient is deferred. */
    REQUIRED
}
