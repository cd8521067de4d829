package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.ejb.EJB;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.directory.AccessRule;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SenderApplication;

/** The relay directory as the server reads it from the private slapd's sample data. */
@ExtendWith(ArquillianExtension.class)
class DirectoryIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("directory-it", DirectoryIT.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/RelayDirectory")
    private RelayDirectory directory;

    @EJB(lookup = "java:global/passerelle/ejb/LdapDirectory")
    private LdapDirectory ldap;

    private String applicationFor(String client) throws Exception {
        return directory.current().activeApplicationFor(InetAddress.getByName(client)).map(SenderApplication::name).orElse("none");
    }

    @Test
    void findsTheActiveApplicationWhoseNetworksHoldTheClient() throws Exception {
        assertEquals("billing", applicationFor("127.0.0.1"));
        assertEquals("billing", applicationFor("10.20.0.200"));
        assertEquals("billing", applicationFor("2001:db8:20:1::5"));
        assertEquals("hr-portal", applicationFor("10.30.0.7"));
    }

    @Test
    void neitherUnregisteredNorSuspendedClientsHaveAnApplication() throws Exception {
        assertEquals("none", applicationFor("127.0.0.2"));
        assertEquals("none", applicationFor("127.0.0.3"));
        assertEquals("none", applicationFor("10.40.0.1"));
    }

    @Test
    void readsTheApplicationsAllowedSenders() {
        SenderApplication billing = directory.current().applications().stream()
                .filter(app -> app.name().equals("billing")).findFirst().orElseThrow();
        assertEquals(List.of("billing@managed.test", "@billing.managed.test"), billing.allowedSenders());
        assertEquals(3, billing.networks().size());
    }

    @Test
    void readsEveryApplicationPageByPage() {
        // the test server asks for pages of five entries: twenty applications need four pages
        assertEquals(20, directory.current().applications().size());
    }

    @Test
    void readsTheApplicationsRecordInFull() {
        SenderApplication billing = directory.current().applications().stream()
                .filter(app -> app.name().equals("billing")).findFirst().orElseThrow();
        assertEquals(List.of("gw-paris"), billing.gateways());
        assertEquals("finance", billing.entity());
        assertEquals(1000000, billing.rateLimit());
        assertEquals(Instant.parse("2025-01-15T09:30:00Z"), billing.created());
        assertEquals(List.of("bob"), billing.owners());
    }

    @Test
    void readsTheAccessRulesInPriorityOrder() {
        assertEquals(List.of("allow-monitoring-probe", "deny-quarantined-network", "deny-spam-helo", "deny-blocked-senders"),
                directory.current().accessRules().stream().map(AccessRule::name).toList());
    }

    /** Issue 10, point 0: a deny rule the relay cannot read was dropped, and what it denied got through. */
    @Test
    void aDenyRuleTheRelayCannotReadDefersTheSessionsItCouldReachUntilItIsMended() throws Exception {
        String dn = ldap.dn("cn", "deny-typo", "access");
        ldap.add(new DefaultEntry(dn, "objectClass: pslAccessRule", "cn: deny-typo", "pslAction: deny", "pslPriority: 15",
                "pslNetwork: 192.0.2.7/8"));
        try {
            directory.invalidate();
            AccessRule typo = directory.current().accessRules().stream().filter(rule -> rule.name().equals("deny-typo")).findFirst()
                    .orElseThrow(() -> new AssertionError("the unreadable deny rule was dropped"));
            assertTrue(typo.problem().contains("host bits"), typo.problem());

            assertTrue(greeting("127.0.0.2").startsWith("421 4.3.0"), "fail closed, for a while");
            assertTrue(greeting("127.0.1.10").startsWith("220 "), "the allow rule of priority 10 still decides first");
        } finally {
            ldap.delete(dn);
            directory.invalidate();
        }
        assertTrue(greeting("127.0.0.2").startsWith("220 "), "served again once the rule is gone");
    }

    private static String greeting(String client) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(System.getenv("PSL_SMTP_PORT")),
                InetAddress.getByName(client), 0)) {
            socket.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void readsTheManagedDomainsAndTheirKind() {
        DirectorySnapshot snapshot = directory.current();
        assertEquals(ManagedDomain.Kind.LOCAL, snapshot.managedDomain("managed.test").orElseThrow().kind());
        assertEquals(ManagedDomain.Kind.RELAY, snapshot.managedDomain("CORP.test").orElseThrow().kind());
        assertTrue(snapshot.managedDomain("external.test").isEmpty());
    }
}
