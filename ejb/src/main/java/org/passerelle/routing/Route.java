package org.passerelle.routing;

import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * A routed recipient: the hosts to try, in order, the address to give them in {@code RCPT TO}, and
 * the TLS policy to deliver under.
 *
 * @param deliverTo  the recipient's address after LDAP routing ({@code mailRoutingAddress}), else the recipient
 * @param candidates the next hops in the order to try them (several for MX records)
 * @param tls        the TLS policy of the route or domain entry that gave the next hop, or {@code null}
 *                   for the SMTP client's default ({@code PSL_SMTP_CLIENT_TLS_SECURITY_LEVEL})
 */
public record Route(MailAddress recipient, MailAddress deliverTo, List<NextHop> candidates, String rule, TlsPolicy tls)
        implements Resolution {

    public Route {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a route without a next hop for " + recipient);
        }
    }

    /** A route under the SMTP client's default TLS policy. */
    public Route(MailAddress recipient, MailAddress deliverTo, List<NextHop> candidates, String rule) {
        this(recipient, deliverTo, candidates, rule, null);
    }
}
