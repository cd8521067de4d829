package org.passerelle.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedDirectoryTest {

    private static final String APPLICATIONS = "ou=applications," + EmbeddedDirectory.BASE_DN;
    private static final String PEOPLE = "ou=people," + EmbeddedDirectory.BASE_DN;
    private static final String CENTRAL = "cn=central,ou=groups," + EmbeddedDirectory.BASE_DN;

    private static EmbeddedDirectory directory;
    private LDAPConnection connection;

    @BeforeAll
    static void startDirectory() throws LDAPException {
        directory = EmbeddedDirectory.start(0, "s3cret");
    }

    @AfterAll
    static void stopDirectory() {
        directory.stop();
    }

    @BeforeEach
    void bindAsAdmin() throws LDAPException {
        connection = new LDAPConnection("127.0.0.1", directory.port(), EmbeddedDirectory.ADMIN_DN, "s3cret");
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void findsTheSuspendedSenderApplications() throws LDAPException {
        Set<String> names = connection
                .search(EmbeddedDirectory.BASE_DN, SearchScope.SUB,
                        "(&(objectClass=pslSenderApplication)(pslStatus=suspended))", "cn")
                .getSearchEntries().stream()
                .map(e -> e.getAttributeValue("cn"))
                .collect(Collectors.toSet());

        assertEquals(Set.of("legacy-fax", "backup"), names);
    }

    // the in-memory server reports every schema violation as an object class violation, so the
    // refusal tests also check which rule the message names
    @Test
    void refusesAnApplicationWithoutStatus() {
        Entry noStatus = new Entry("cn=no-status," + APPLICATIONS);
        noStatus.addAttribute("objectClass", "pslSenderApplication");
        noStatus.addAttribute("cn", "no-status");
        noStatus.addAttribute("pslNetwork", "10.99.0.0/24");

        LDAPException refused = assertThrows(LDAPException.class, () -> connection.add(noStatus));
        assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, refused.getResultCode());
        assertTrue(refused.getMessage().contains("missing required attribute pslStatus"), refused.getMessage());
    }

    @Test
    void refusesARateLimitThatIsNotAnInteger() {
        Entry badLimit = new Entry("cn=bad-limit," + APPLICATIONS);
        badLimit.addAttribute("objectClass", "pslSenderApplication");
        badLimit.addAttribute("cn", "bad-limit");
        badLimit.addAttribute("pslStatus", "active");
        badLimit.addAttribute("pslRateLimit", "many");

        LDAPException refused = assertThrows(LDAPException.class, () -> connection.add(badLimit));
        assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, refused.getResultCode());
        assertTrue(refused.getMessage().contains("value 'many' for attribute pslRateLimit"), refused.getMessage());
    }

    @Test
    void daveHasAMailRoutingAddress() throws LDAPException {
        SearchResultEntry dave = connection.getEntry("uid=dave," + PEOPLE);

        assertNotNull(dave);
        assertEquals("dave@mailhost.managed.test", dave.getAttributeValue("mailRoutingAddress"));
        assertEquals("mailhost.managed.test", dave.getAttributeValue("mailHost"));
    }

    @Test
    void findsALocalRecipientByMailLocalAddress() throws LDAPException {
        SearchResultEntry alice = connection.searchForEntry(EmbeddedDirectory.BASE_DN, SearchScope.SUB,
                "(&(objectClass=inetLocalMailRecipient)(mailLocalAddress=ALICE@managed.test))");

        assertNotNull(alice);
        assertEquals("alice", alice.getAttributeValue("uid"));
    }

    @Test
    void peopleBindWithTheirSamplePassword() throws LDAPException {
        try (LDAPConnection asAlice = new LDAPConnection("127.0.0.1", directory.port())) {
            assertEquals(ResultCode.SUCCESS, asAlice.bind("uid=alice," + PEOPLE, "password").getResultCode());
        }
    }

    @Test
    void theUnregisteredClientAddressIsInNoApplicationNetwork() throws Exception {
        InetAddress unregistered = InetAddress.getByName("127.0.0.2");
        for (SearchResultEntry application : connection.search(APPLICATIONS, SearchScope.ONE,
                "(objectClass=pslSenderApplication)", "pslNetwork").getSearchEntries()) {
            for (String network : application.getAttributeValues("pslNetwork")) {
                assertFalse(contains(network, unregistered), application.getDN() + " " + network);
            }
        }
    }

    @Test
    void anAnonymousClientCannotAddItselfToTheCentralService() throws LDAPException {
        try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", directory.port())) {
            LDAPException refused = assertThrows(LDAPException.class, () -> anonymous.modify(CENTRAL,
                    new Modification(ModificationType.ADD, "member", "uid=mallory," + PEOPLE)));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refused.getResultCode());
        }
        assertFalse(connection.getEntry(CENTRAL).hasAttributeValue("member", "uid=mallory," + PEOPLE));
    }

    @Test
    void anAnonymousClientCannotRead() throws LDAPException {
        try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", directory.port())) {
            LDAPException refused = assertThrows(LDAPException.class, () -> anonymous.search(APPLICATIONS,
                    SearchScope.ONE, "(objectClass=pslSenderApplication)", "pslNetwork"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refused.getResultCode());
        }
    }

    // the sample people's password is "password": a bind as one of them must not open the directory
    @Test
    void aSamplePersonMayReadButNotChangeTheDirectory() throws LDAPException {
        try (LDAPConnection asAlice = new LDAPConnection("127.0.0.1", directory.port(), "uid=alice," + PEOPLE, "password")) {
            assertNotNull(asAlice.getEntry(CENTRAL));
            LDAPException refused = assertThrows(LDAPException.class, () -> asAlice.modify(CENTRAL,
                    new Modification(ModificationType.ADD, "member", "uid=alice," + PEOPLE)));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refused.getResultCode());
        }
        assertFalse(connection.getEntry(CENTRAL).hasAttributeValue("member", "uid=alice," + PEOPLE));
    }

    @Test
    void aWrongAdministratorPasswordGivesNoWriteAccess() throws LDAPException {
        try (LDAPConnection guess = new LDAPConnection("127.0.0.1", directory.port())) {
            assertThrows(LDAPException.class, () -> guess.bind(EmbeddedDirectory.ADMIN_DN, "passerelle"));
            LDAPException refused = assertThrows(LDAPException.class, () -> guess.delete("cn=legacy-fax," + APPLICATIONS));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refused.getResultCode());
        }
        assertNotNull(connection.getEntry("cn=legacy-fax," + APPLICATIONS));
    }

    @Test
    void theAdministratorChangesTheDirectory() throws LDAPException {
        Modification description = new Modification(ModificationType.REPLACE, "description", "Central service, changed");
        connection.modify(CENTRAL, description);

        assertEquals("Central service, changed", connection.getEntry(CENTRAL).getAttributeValue("description"));
        connection.modify(CENTRAL, new Modification(ModificationType.REPLACE, "description", "Central service"));
    }

    @Test
    void listensOnTheLoopbackAddressOnly() {
        assertEquals("ldap://127.0.0.1:" + directory.port(), directory.url());
        assertThrows(LDAPException.class, () -> new LDAPConnection("127.0.0.2", directory.port()).close());
    }

    /** Whether an address or CIDR network such as 10.20.0.0/24 or 2001:db8::/48 holds the address. */
    private static boolean contains(String network, InetAddress address) throws Exception {
        String[] parts = network.split("/");
        byte[] net = InetAddress.getByName(parts[0]).getAddress();
        byte[] candidate = address.getAddress();
        if (net.length != candidate.length) {
            return false;
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((net[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
