package org.passerelle.routing;

import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;

/** Recipients that go to the same next hops: one mail transaction carries them all. */
public record RouteGroup(List<NextHop> candidates, List<Route> routes) {

    public RouteGroup {
        candidates = List.copyOf(candidates);
        routes = List.copyOf(routes);
    }

    /** The addresses for {@code RCPT TO}, in the order of {@link #routes()}. */
    public List<MailAddress> deliverTo() {
        return routes.stream().map(Route::deliverTo).toList();
    }
}
