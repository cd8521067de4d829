package org.passerelle.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * How one message's recipients are delivered: the routed recipients grouped by their next hops
 * (the same hosts in the same order) and TLS policy, one mail transaction per group, and the recipients that
 * cannot be routed. Groups and the recipients in them keep the envelope's order.
 */
public record RoutePlan(List<RouteGroup> groups, List<Unroutable> unroutable) {

    public RoutePlan {
        groups = List.copyOf(groups);
        unroutable = List.copyOf(unroutable);
    }

    public static RoutePlan of(List<? extends Resolution> resolutions) {
        Map<Destination, List<Route>> byNextHops = new LinkedHashMap<>();
        List<Unroutable> unroutable = new ArrayList<>();
        for (Resolution resolution : resolutions) {
            if (resolution instanceof Route route) {
                byNextHops.computeIfAbsent(new Destination(route.candidates(), route.tls()), hops -> new ArrayList<>()).add(route);
            } else if (resolution instanceof Unroutable failed) {
                unroutable.add(failed);
            }
        }
        return new RoutePlan(byNextHops.entrySet().stream()
                .map(group -> new RouteGroup(group.getKey().candidates(), group.getKey().tls(), group.getValue()))
                .toList(), unroutable);
    }

    /** What makes recipients share a transaction: the same hosts, in the same order, under the same TLS policy. */
    private record Destination(List<NextHop> candidates, TlsPolicy tls) {
    }
}
