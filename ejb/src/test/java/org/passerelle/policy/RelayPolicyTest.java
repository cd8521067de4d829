package org.passerelle.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;
import org.passerelle.smtp.MailAddress;

class RelayPolicyTest {

    private final RelayPolicy policy = new RelayPolicy();
    private final DirectorySnapshot directory = new DirectorySnapshot(
            List.of(application("billing", true, "10.20.0.0/24"), application("legacy-fax", false, "10.40.0.0/24")),
            List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL)),
            Instant.now());

    private static SenderApplication application(String name, boolean active, String network) {
        return new SenderApplication(name, active, List.of(NetworkRange.parse(network)), List.of());
    }

    private PolicyDecision decide(String client, String recipient) throws Exception {
        return policy.recipient(InetAddress.getByName(client), MailAddress.parse(recipient), directory);
    }

    @Test
    void relaysForAClientOfAnActiveApplication() throws Exception {
        PolicyDecision decision = decide("10.20.0.9", "user@external.test");
        assertTrue(decision.accepted());
        assertEquals("application billing", decision.rule());
    }

    @Test
    void rejectsRelayFromUnregisteredClient() throws Exception {
        PolicyDecision decision = decide("192.0.2.1", "user@external.test");
        assertFalse(decision.accepted());
        assertEquals(554, decision.verdict().code());
        assertEquals("5.7.1", decision.verdict().status());
    }

    @Test
    void rejectsRelayFromASuspendedApplicationsNetwork() throws Exception {
        assertFalse(decide("10.40.0.9", "user@external.test").accepted());
    }

    @Test
    void anyoneMaySendToAManagedDomain() throws Exception {
        PolicyDecision decision = decide("192.0.2.1", "dave@Managed.Test");
        assertTrue(decision.accepted());
        assertEquals("managed domain managed.test", decision.rule());
    }

    @Test
    void aSubdomainOfAManagedDomainIsNotManaged() throws Exception {
        assertFalse(decide("192.0.2.1", "user@sub.managed.test").accepted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user%external.test@managed.test", "\"user@external.test\"@managed.test",
            "external.test!user@managed.test", "user@external.test@managed.test"})
    void routingTricksThroughAManagedDomainAreRefused(String recipient) throws Exception {
        PolicyDecision decision = decide("192.0.2.1", recipient);
        assertFalse(decision.accepted(), recipient);
        assertEquals(554, decision.verdict().code());
    }
}
