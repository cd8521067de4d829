package org.passerelle.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.RecipientRouting;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * Decides where each recipient's mail goes. Rules, the first that applies wins:
 * <ol>
 *   <li>LDAP routing: the person who receives at the address may have a {@code mailRoutingAddress}
 *       (the address given to the next hop instead) and a {@code mailHost} (the next hop,
 *       {@code [mailHost]:25}); without a {@code mailHost}, the rewritten address is routed by the
 *       rules below;</li>
 *   <li>the domain routing table ({@link TransportTable});</li>
 *   <li>the smart host, when one is configured;</li>
 *   <li>the domain's MX records ({@link MxLookup}); an address literal ({@code user@[192.0.2.1]})
 *       is its own next hop.</li>
 * </ol>
 * A next hop written {@code host:port} (no brackets) in the table or as the smart host is itself
 * looked up in MX records. A route or managed domain entry may name the TLS policy of its next hop
 * ({@code pslTlsPolicy}); a policy written wrong holds the mail back as a next hop written wrong does;
 * the other rules leave the SMTP client's default policy. One resolver serves one message: it asks the DNS once per name, so that
 * recipients of one domain get the same hosts in the same order and go in one transaction.
 */
public final class RouteResolver {

    private static final int SMTP_PORT = 25;

    private final RecipientDirectory people;
    private final TransportTable table;
    private final Optional<ConfiguredHop> smartHost;
    private final MxLookup dns;
    private final Map<ConfiguredHop, Lookup> lookups = new HashMap<>();

    private record Lookup(List<NextHop> hops, RouteFailure failure) {
    }

    public RouteResolver(RecipientDirectory people, TransportTable table, Optional<ConfiguredHop> smartHost, MxLookup dns) {
        this.people = people;
        this.table = table;
        this.smartHost = smartHost;
        this.dns = dns;
    }

    public Resolution resolve(MailAddress recipient) {
        Optional<RecipientRouting> routing;
        try {
            routing = people.routingOf(recipient).filter(RecipientRouting::routes);
        } catch (DirectoryUnavailableException e) {
            return new Unroutable(recipient, RouteFailure.directoryUnavailable(e.getMessage()), "LDAP routing");
        }
        return routing.isPresent() ? byDirectory(recipient, routing.get()) : byDomain(recipient, recipient, "");
    }

    private Resolution byDirectory(MailAddress recipient, RecipientRouting routing) {
        String rule = (routing.mailHost() != null ? "mailHost of " : "mailRoutingAddress of ") + routing.person();
        MailAddress deliverTo;
        NextHop mailHost;
        try {
            deliverTo = routing.routingAddress() == null ? recipient : MailAddress.parse(routing.routingAddress().trim());
            mailHost = routing.mailHost() == null ? null : new NextHop(routing.mailHost().trim(), SMTP_PORT);
        } catch (IllegalArgumentException e) {
            return new Unroutable(recipient, RouteFailure.misconfigured("LDAP routing of " + routing.person() + ": " + e.getMessage()), rule);
        }
        return mailHost == null ? byDomain(recipient, deliverTo, rule + ", then ") : new Route(recipient, deliverTo, List.of(mailHost), rule);
    }

    private Resolution byDomain(MailAddress recipient, MailAddress deliverTo, String rulePrefix) {
        String domain = deliverTo.domain();
        Optional<TransportTable.Match> match = table.lookup(domain);
        if (match.isPresent()) {
            String rule = rulePrefix + match.get().rule();
            try {
                String policy = match.get().tlsPolicy();
                return via(recipient, deliverTo, ConfiguredHop.parse(match.get().nextHop()), rule,
                        policy == null || policy.isBlank() ? null : TlsPolicy.parse(policy));
            } catch (IllegalArgumentException e) {
                return new Unroutable(recipient, RouteFailure.misconfigured(match.get().rule() + ": " + e.getMessage()), rule);
            }
        }
        if (smartHost.isPresent()) {
            return via(recipient, deliverTo, smartHost.get(), rulePrefix + "smart host", null);
        }
        if (domain.startsWith("[")) {
            // an address literal names its host: [192.0.2.1], or [IPv6:2001:db8::1] (RFC 5321 §4.1.3)
            String address = domain.substring(1, domain.length() - 1).replaceFirst("(?i)^IPv6:", "");
            return via(recipient, deliverTo, new ConfiguredHop(new NextHop(address, SMTP_PORT), false), rulePrefix + "address literal", null);
        }
        return via(recipient, deliverTo, new ConfiguredHop(new NextHop(domain, SMTP_PORT), true), rulePrefix + "MX of " + domain, null);
    }

    private Resolution via(MailAddress recipient, MailAddress deliverTo, ConfiguredHop hop, String rule, TlsPolicy tls) {
        if (!hop.viaMx()) {
            return new Route(recipient, deliverTo, List.of(hop.hop()), rule, tls);
        }
        Lookup lookup = lookups.computeIfAbsent(hop, this::lookUp);
        return lookup.failure() == null
                ? new Route(recipient, deliverTo, lookup.hops(), rule, tls)
                : new Unroutable(recipient, lookup.failure(), rule);
    }

    private Lookup lookUp(ConfiguredHop hop) {
        try {
            return new Lookup(dns.nextHops(hop.hop().host(), hop.hop().port()), null);
        } catch (UnroutableException e) {
            return new Lookup(null, e.failure());
        }
    }
}
