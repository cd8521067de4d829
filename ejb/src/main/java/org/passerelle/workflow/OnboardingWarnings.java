package org.passerelle.workflow;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.directory.CheckResult;
import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;
import org.passerelle.onboarding.GatewaySite;
import org.passerelle.onboarding.OnboardingDnsChecks;
import org.passerelle.routing.DnsjavaNameService;
import org.passerelle.routing.RoutingSettings;

/**
 * Runs the onboarding DNS checks ({@link OnboardingDnsChecks}) of a request that adds networks or
 * senders, on submission and again before applying: what the request adds to the application as
 * it is, against the gateway sites its mail goes out through (those the request or the
 * application names, else every site), asking the DNS server routing asks
 * ({@code PSL_DNS_RESOLVER}). Each run asks afresh: nothing is cached from one run to the next.
 */
@Stateless
public class OnboardingWarnings {

    private static final Logger LOG = Logger.getLogger(OnboardingWarnings.class.getName());
    /** One question's wait, retries included; after one unanswered question the run asks no more. */
    private static final Duration DNS_TIMEOUT = Duration.ofSeconds(3);

    @EJB
    private DirectoryRecords records;

    public List<CheckResult> check(RequestedChange change, DirectoryFacts facts) {
        if (change.kind() != ChangeKind.ADD_APPLICATION && change.kind() != ChangeKind.MODIFY_APPLICATION) {
            return List.of();
        }
        Optional<SenderApplication> current = change.kind() == ChangeKind.MODIFY_APPLICATION
                ? facts.application(change.application()) : Optional.empty();
        List<NetworkRange> networks = added(change.networks(), current.map(app -> app.networks().stream().map(NetworkRange::toString).toList()))
                .stream().flatMap(text -> readable(text).stream()).toList();
        List<String> senders = added(change.allowedSenders(), current.map(SenderApplication::allowedSenders));
        if (networks.isEmpty() && senders.isEmpty()) {
            return List.of();
        }
        List<String> gateways = change.gateways() != null ? change.gateways() : current.map(SenderApplication::gateways).orElse(List.of());
        DnsjavaNameService dns = DnsjavaNameService.of(RoutingSettings.fromServer().dnsResolver(), DNS_TIMEOUT);
        return new OnboardingDnsChecks(dns).check(networks, senders, sites(gateways));
    }

    /** The values the request gives that the application does not have yet (all of them for a new one). */
    private static List<String> added(List<String> given, Optional<List<String>> existing) {
        if (given == null) {
            return List.of();
        }
        List<String> had = existing.orElse(List.of());
        return given.stream().filter(value -> had.stream().noneMatch(value.trim()::equalsIgnoreCase)).toList();
    }

    /** Networks the blocking checks refuse are theirs to report: the warnings look at the others. */
    private static Optional<NetworkRange> readable(String text) {
        try {
            return Optional.of(NetworkRange.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<GatewaySite> sites(List<String> names) {
        List<GatewaySite> sites = new ArrayList<>();
        for (DirectoryRecord gateway : records.list(EntryKind.GATEWAY)) {
            if (names.isEmpty() || names.stream().anyMatch(gateway.name()::equalsIgnoreCase)) {
                List<InetAddress> addresses = new ArrayList<>();
                for (String address : gateway.values("outboundAddresses")) {
                    try {
                        addresses.add(NetworkRange.address(address));
                    } catch (IllegalArgumentException e) {
                        LOG.warning("gateway site " + gateway.name() + " has an outbound address that is not one: " + address);
                    }
                }
                sites.add(new GatewaySite(gateway.name(), addresses));
            }
        }
        return sites;
    }
}
