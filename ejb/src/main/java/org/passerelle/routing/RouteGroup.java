package org.passerelle.routing;

import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * Recipients that go to the same next hops under the same TLS policy: one mail transaction carries
 * them all.
 *
 * @param tls the TLS policy of the group's routes, {@code null} for the SMTP client's default
 */
public record RouteGroup(List<NextHop> candidates, TlsPolicy tls, List<Route> routes) {

    public RouteGroup {
        candidates = List.copyOf(candidates);
        routes = List.copyOf(routes);
    }

    /** The addresses for {@code RCPT TO}, in the order of {@link #routes()}. */
    public List<MailAddress> deliverTo() {
        return routes.stream().map(Route::deliverTo).toList();
    }
}
