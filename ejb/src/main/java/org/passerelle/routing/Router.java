package org.passerelle.routing;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;

import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.smtp.MailAddress;

/**
 * Routes the recipients of a message (see {@link RouteResolver} for the rules), with the server's
 * settings, the directory and the configured DNS server, and says how many hops a message may take.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    /** Long enough for a slow authoritative server behind the resolver; a message waits this long at most per name. */
    private static final Duration DNS_TIMEOUT = Duration.ofSeconds(10);

    @EJB
    private RoutingDirectory directory;

    private final Random random = new Random();
    private RoutingSettings settings;
    private NameService dns;

    @PostConstruct
    void configure() {
        settings = RoutingSettings.fromServer();
        dns = DnsjavaNameService.of(settings.dnsResolver(), DNS_TIMEOUT);
        LOG.info(() -> "routing " + settings + " with " + dns);
    }

    /** The route of each recipient, grouped by next hops; a directory that cannot be read defers them all. */
    public RoutePlan plan(List<MailAddress> recipients) {
        return planner().plan(recipients);
    }

    /**
     * Routes the messages of a part of a delivery round with the directory as it is now: read once
     * for the part, not once per message and recipient.
     */
    public RoutePlanner planner() {
        RoutingDirectory.Routing routing;
        try {
            routing = directory.current();
        } catch (DirectoryUnavailableException e) {
            RouteFailure failure = RouteFailure.directoryUnavailable(e.getMessage());
            return recipients -> RoutePlan.of(recipients.stream().map(recipient -> new Unroutable(recipient, failure, "routing table")).toList());
        }
        RouteResolver resolver = new RouteResolver(routing.people(), routing.table(), settings.smartHost(), new MxLookup(dns, random));
        return recipients -> RoutePlan.of(recipients.stream().map(resolver::resolve).toList());
    }

    public HopCounter hopCounter() {
        return new HopCounter(settings.hopCountLimit());
    }
}
