package org.passerelle.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.AccessRule;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.NetworkRange;

/** Access rules the relay cannot read: never dropped silently when they deny. */
class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy();

    private static DirectorySnapshot withRules(AccessRule... rules) {
        return new DirectorySnapshot(List.of(), List.of(), List.of(), List.of(rules), List.of(), Instant.now());
    }

    private static SessionClient client(String address) throws Exception {
        return new SessionClient(InetAddress.getByName(address), SessionClient.RELAY_LISTENER, null, null);
    }

    @Test
    void anUnreadableDenyRuleDefersEveryClientAtConnectInsteadOfVanishing() throws Exception {
        DirectorySnapshot directory = withRules(AccessRule.unreadable("deny-typo", 20, "not an IP address: 192.0.2.x"));

        PolicyDecision decision = policy.check(AccessPolicy.Stage.CONNECT, client("203.0.113.9"), null, directory).orElseThrow();

        assertEquals(421, decision.verdict().code());
        assertEquals("4.3.0", decision.verdict().status());
        assertTrue(decision.rule().contains("deny-typo") && decision.rule().contains("unreadable"), decision.rule());
    }

    @Test
    void rulesBeforeAnUnreadableRuleStillDecide() throws Exception {
        DirectorySnapshot directory = withRules(
                new AccessRule("allow-probe", AccessRule.Action.ALLOW, 10, List.of(NetworkRange.parse("127.0.1.10")), List.of(), List.of()),
                AccessRule.unreadable("deny-typo", 20, "bad"));

        Optional<PolicyDecision> probe = policy.check(AccessPolicy.Stage.CONNECT, client("127.0.1.10"), null, directory);
        assertTrue(probe.orElseThrow().accepted(), probe.toString());
        assertEquals(421, policy.check(AccessPolicy.Stage.CONNECT, client("127.0.1.11"), null, directory).orElseThrow().verdict().code());
    }
}
