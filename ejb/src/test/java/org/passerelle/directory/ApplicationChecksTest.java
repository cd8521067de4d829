package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The checks every write of an application passes, the typo that opened the relay first. */
class ApplicationChecksTest {

    private static final SenderApplication BILLING = new SenderApplication("billing", SenderApplication.Status.ACTIVE,
            List.of(NetworkRange.parse("10.20.0.0/24")), List.of("billing@managed.test"), List.of("gw-paris"),
            "finance", null, null, List.of(), List.of(), null, null);
    private static final List<ManagedDomain> DOMAINS = List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null));

    private final ApplicationChecks checks = new ApplicationChecks(new NetworkLimits(24, 56));

    private List<CheckResult> failed(List<String> networks, List<String> senders) {
        return checks.check("new-app", networks, senders, List.of(BILLING), DOMAINS).stream().filter(r -> !r.passed()).toList();
    }

    @Test
    void theTypoThatOpenedTheRelayFailsOnItsNetworkAndItsSender() {
        List<CheckResult> failed = failed(List.of("10.20.0.5/0"), List.of("@gmail.com"));

        assertEquals(List.of("networks-well-formed", "allowed-senders-managed"), failed.stream().map(CheckResult::name).toList());
        assertTrue(failed.get(0).message().contains("host bits"), failed.get(0).message());
        assertEquals(List.of("networks", "allowedSenders"), failed.stream().map(CheckResult::name).map(ApplicationChecks::fieldOf).toList());
    }

    @Test
    void theWholeAddressSpaceIsWiderThanTheLimit() {
        assertEquals(List.of("networks-not-held", "network-prefix-lengths"),
                failed(List.of("0.0.0.0/0"), List.of()).stream().map(CheckResult::name).toList(), "it holds billing's network too");
    }

    @Test
    void anotherApplicationsNetworkIsNamed() {
        CheckResult overlap = failed(List.of("10.20.0.128/25"), null).get(0);
        assertTrue(overlap.message().contains("application billing"), overlap.message());
    }

    @Test
    void sendersOfManagedDomainsAndTheirSubdomainsPass() {
        assertEquals(List.of(), failed(null, List.of("<>", "app@managed.test", "@reports.managed.test", "x@Billing.Managed.Test")));
        assertEquals(1, failed(null, List.of("app@evilmanaged.test")).size(), "a suffix is not a subdomain");
    }

    @Test
    void unchangedValuesAreNotChecked() {
        assertEquals(List.of(), checks.check("billing", null, null, List.of(BILLING), DOMAINS));
    }

    @Test
    void everyWritePathChecksTheNamingPlanAndNamesTheSendersField() {
        List<ManagedDomain> planned = List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null, null, List.of(),
                List.of(SenderForm.parse("noreply-{application}@{domain}", "managed.test"))));
        List<CheckResult> failed = checks.check("new-app", null, List.of("new-app@managed.test"), List.of(BILLING), planned)
                .stream().filter(r -> !r.passed()).toList();
        assertEquals(List.of("senders-follow-naming-plan"), failed.stream().map(CheckResult::name).toList());
        assertTrue(failed.get(0).message().contains("expects noreply-new-app@managed.test"), failed.get(0).message());
        assertEquals("allowedSenders", ApplicationChecks.fieldOf(failed.get(0).name()));
    }
}
