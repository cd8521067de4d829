package org.passerelle.routing;

import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;

/**
 * A routed recipient: the hosts to try, in order, and the address to give them in {@code RCPT TO}.
 *
 * @param deliverTo  the recipient's address after LDAP routing ({@code mailRoutingAddress}), else the recipient
 * @param candidates the next hops in the order to try them (several for MX records)
 */
public record Route(MailAddress recipient, MailAddress deliverTo, List<NextHop> candidates, String rule) implements Resolution {

    public Route {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a route without a next hop for " + recipient);
        }
    }
}
