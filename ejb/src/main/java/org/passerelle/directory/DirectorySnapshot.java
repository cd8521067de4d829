package org.passerelle.directory;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.passerelle.smtp.MailAddress;

/** The directory data the relay policy, greylisting and the routing need, as read at one moment. */
public record DirectorySnapshot(List<SenderApplication> applications, List<ManagedDomain> domains,
                                List<DomainRoute> routes, List<AccessRule> accessRules,
                                List<GreylistAllowEntry> greylistAllowList, Instant readAt) {

    public DirectorySnapshot {
        applications = List.copyOf(applications);
        domains = List.copyOf(domains);
        routes = List.copyOf(routes);
        greylistAllowList = List.copyOf(greylistAllowList);
        accessRules = accessRules.stream().sorted(Comparator.comparingInt(AccessRule::priority).thenComparing(AccessRule::name)).toList();
    }

    /** The first active application whose networks hold the client, if any. */
    public Optional<SenderApplication> activeApplicationFor(InetAddress client) {
        return applications.stream().filter(SenderApplication::active).filter(app -> app.covers(client)).findFirst();
    }

    /** The first suspended application whose networks hold the client, if any. */
    public Optional<SenderApplication> suspendedApplicationFor(InetAddress client) {
        return applications.stream().filter(app -> !app.active()).filter(app -> app.covers(client)).findFirst();
    }

    public Optional<ManagedDomain> managedDomain(String domain) {
        return domains.stream().filter(d -> d.name().equalsIgnoreCase(domain)).findFirst();
    }

    /** The managed domain that is {@code domain} or holds it as a subdomain, the closest one first. */
    public Optional<ManagedDomain> managedDomainCovering(String domain) {
        return domains.stream().filter(d -> d.covers(domain)).max(Comparator.comparingInt(d -> d.name().length()));
    }

    /** The first greylisting allow-list entry matching the mail, if any. */
    public Optional<GreylistAllowEntry> greylistAllowing(InetAddress client, MailAddress sender, MailAddress recipient) {
        return greylistAllowList.stream().filter(entry -> entry.matches(client, sender, recipient)).findFirst();
    }
}
