package org.passerelle.delivery;

import java.time.Instant;

import org.passerelle.smtp.client.SmtpReply;

/**
 * What one host (or Passerelle itself, for a recipient it could not route) answered for one
 * recipient in an attempt.
 *
 * @param relay       the next hop that answered; {@code null} when no host was reached
 * @param settles     whether this reply is the recipient's outcome; a host that deferred every
 *                    recipient, after which the next host of the group was tried, does not settle
 * @param tlsProtocol the TLS protocol of the session, {@code null} without TLS
 */
public record HostReply(String relay, String recipient, SmtpReply reply, String tlsProtocol, Instant start, long millis,
                        boolean settles) {

    /** Passerelle's own reply for a recipient that reached no host (not routable, or looping): it settles. */
    public static HostReply unrouted(String recipient, SmtpReply reply, Instant when) {
        return answeredHere(recipient, reply, when);
    }

    /** Passerelle's own reply for a recipient it delivers itself (a distribution list): it settles. */
    public static HostReply answeredHere(String recipient, SmtpReply reply, Instant when) {
        return new HostReply(null, recipient, reply, null, when, 0, true);
    }
}
