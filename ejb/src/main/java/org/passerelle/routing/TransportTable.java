package org.passerelle.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.passerelle.directory.DomainRoute;
import org.passerelle.directory.ManagedDomain;

/**
 * The domain routing table, like Postfix's transport map: the routes of {@code ou=routes} and the
 * default next hops of the managed domains. The most specific entry wins:
 * <ol>
 *   <li>a route for the domain itself ({@code example.test});</li>
 *   <li>the default next hop of the managed domain of that name;</li>
 *   <li>a subdomain route ({@code *.example.test}) of the nearest parent: for {@code a.b.example.test},
 *       {@code *.b.example.test}, then {@code *.example.test}, then {@code *.test}.</li>
 * </ol>
 * A domain entry never covers its subdomains, nor a subdomain entry the domain itself: both are
 * written when both are meant, as in Postfix's {@code example.test} and {@code .example.test}.
 * The entry that gives the next hop gives the TLS policy too, as Postfix's {@code smtp_tls_policy_maps}
 * would for that next hop.
 */
public final class TransportTable {

    /**
     * The next hop as the directory writes it, the entry that gave it, and that entry's TLS policy
     * as written ({@code null} when it names none).
     */
    public record Match(String nextHop, String rule, String tlsPolicy) {
    }

    private final Map<String, DomainRoute> routes = new HashMap<>();
    private final Map<String, ManagedDomain> domains = new HashMap<>();

    public TransportTable(List<DomainRoute> routes, List<ManagedDomain> domains) {
        routes.forEach(route -> this.routes.putIfAbsent(route.domain().text(), route));
        domains.stream().filter(domain -> domain.nextHop() != null).forEach(domain -> this.domains.putIfAbsent(domain.name(), domain));
    }

    public Optional<Match> lookup(String domain) {
        DomainRoute route = routes.get(domain);
        if (route != null) {
            return Optional.of(new Match(route.nextHop(), "route " + domain, route.tlsPolicy()));
        }
        ManagedDomain managed = domains.get(domain);
        if (managed != null) {
            return Optional.of(new Match(managed.nextHop(), "next hop of managed domain " + domain, managed.tlsPolicy()));
        }
        for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
            String pattern = "*" + domain.substring(dot);
            DomainRoute parent = routes.get(pattern);
            if (parent != null) {
                return Optional.of(new Match(parent.nextHop(), "route " + pattern, parent.tlsPolicy()));
            }
        }
        return Optional.empty();
    }
}
