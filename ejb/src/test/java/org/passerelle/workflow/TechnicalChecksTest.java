package org.passerelle.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;
import org.passerelle.directory.CheckResult;
import org.passerelle.directory.NetworkLimits;

class TechnicalChecksTest {

    private static final SenderApplication BILLING = new SenderApplication("billing", SenderApplication.Status.ACTIVE,
            List.of(NetworkRange.parse("10.20.0.0/24"), NetworkRange.parse("2001:db8:20::/48")), List.of("billing@managed.test"),
            List.of("gw-paris"), "finance", null, null, List.of(), List.of(), null, null);

    private static final DirectoryFacts FACTS = new DirectoryFacts(List.of(BILLING),
            List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null), new ManagedDomain("corp.test", ManagedDomain.Kind.RELAY, null)),
            Set.of("gw-paris", "gw-lyon")::contains, Set.of("finance", "it")::contains, Set.of("alice", "bob")::contains);

    private final TechnicalChecks checks = new TechnicalChecks(new NetworkLimits(24, 56));

    private static RequestedChange add(String name, List<String> networks, List<String> senders, List<String> gateways) {
        return new RequestedChange(ChangeKind.ADD_APPLICATION, name, "finance", networks, senders, gateways, null, null, null, null);
    }

    private Map<String, CheckResult> run(RequestedChange change) {
        return checks.check(change, FACTS).stream().collect(Collectors.toMap(CheckResult::name, check -> check));
    }

    @Test
    void aSoundNewApplicationPassesEveryCheck() {
        List<CheckResult> results = checks.check(add("reports", List.of("10.60.0.0/24", "2001:db8:60::/56"),
                List.of("reports@managed.test", "@reports.corp.test", "<>"), List.of("gw-lyon")), FACTS);
        assertTrue(TechnicalChecks.allPassed(results), results.toString());
        assertEquals(Set.of("application-name-free", "entity-exists", "networks-well-formed", "networks-not-held",
                "network-prefix-lengths", "allowed-senders-managed", "senders-follow-naming-plan", "gateways-exist"),
                results.stream().map(CheckResult::name).collect(Collectors.toSet()));
    }

    @Test
    void namesTheApplicationAndNetworkAnOverlapHits() {
        CheckResult overlap = run(add("reports", List.of("10.20.0.128/25"), List.of(), List.of())).get("networks-not-held");
        assertFalse(overlap.passed());
        assertEquals("10.20.0.128/25 overlaps 10.20.0.0/24 of application billing", overlap.message());
    }

    @Test
    void anApplicationMayKeepItsOwnNetworks() {
        RequestedChange modify = new RequestedChange(ChangeKind.MODIFY_APPLICATION, "billing", null,
                List.of("10.20.0.0/24", "10.21.0.0/24"), null, null, null, null, null, null);
        assertTrue(TechnicalChecks.allPassed(checks.check(modify, FACTS)));
    }

    @Test
    void refusesNetworksWiderThanTheLimits() {
        CheckResult wide = run(add("reports", List.of("10.0.0.0/8", "10.70.0.0/24", "2001:db8:70::/48"), List.of(), List.of()))
                .get("network-prefix-lengths");
        assertFalse(wide.passed());
        assertEquals("10.0.0.0/8 is wider than /24; 2001:db8:70::/48 is wider than /56", wide.message());
    }

    @Test
    void refusesMalformedNetworks() {
        CheckResult malformed = run(add("reports", List.of("10.70.0.0/33", "host.corp.test"), List.of(), List.of())).get("networks-well-formed");
        assertFalse(malformed.passed());
        assertTrue(malformed.message().contains("10.70.0.0/33") && malformed.message().contains("host.corp.test"), malformed.message());
    }

    @Test
    void allowedSendersMustBeInManagedDomainsOrTheirSubdomains() {
        CheckResult senders = run(add("reports", List.of(), List.of("a@managed.test", "@sub.managed.test", "x@notmanaged.test",
                "@evilmanaged.test", "nodomain"), List.of())).get("allowed-senders-managed");
        assertFalse(senders.passed());
        assertEquals("not in a managed domain: x@notmanaged.test, @evilmanaged.test, nodomain", senders.message());
    }

    @Test
    void theGatewayTheEntityAndTheNameAreChecked() {
        RequestedChange change = new RequestedChange(ChangeKind.ADD_APPLICATION, "billing", "marketing", null, null,
                List.of("gw-paris", "gw-nowhere"), null, null, null, null);
        Map<String, CheckResult> results = run(change);
        assertEquals("an application named billing exists", results.get("application-name-free").message());
        assertEquals("no entity is named marketing", results.get("entity-exists").message());
        assertEquals("no gateway site gw-nowhere", results.get("gateways-exist").message());
    }

    @Test
    void aModificationOrDeletionNeedsAnExistingApplication() {
        assertFalse(run(RequestedChange.delete("no-such-app")).get("application-exists").passed());
        assertTrue(run(RequestedChange.delete("billing")).get("application-exists").passed());
    }

    @Test
    void managersNamedMustBeExistingPeople() {
        CheckResult managers = run(RequestedChange.applicationManagers("billing", List.of("alice", "mallory"))).get("managers-exist");
        assertFalse(managers.passed());
        assertEquals("no person with login mallory", managers.message());
        assertTrue(run(RequestedChange.entityManagers("finance", List.of("bob"))).get("managers-exist").passed());
    }
}
