package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passerelle's directory against a provider and its replica (PSL_LDAP_WRITE_URL and PSL_LDAP_URL):
 * every write goes to the provider, a read to the copy it asks for, the replica by default; with
 * one URL, one server does everything; each side down alone stops only what goes to it.
 */
class LdapDirectoryCopiesTest {

    private static final String BILLING = "cn=billing,ou=applications," + ProviderAndReplica.BASE;

    private ProviderAndReplica servers;
    private LdapDirectory directory;

    @BeforeEach
    void start() throws Exception {
        servers = new ProviderAndReplica();
        ProviderAndReplica.addApplication(servers.provider, "billing", "127.0.0.1/32");
        ProviderAndReplica.addApplication(servers.replica, "billing", "127.0.0.1/32");
        directory = servers.directory(Duration.ZERO);
    }

    @AfterEach
    void stop() {
        directory.close();
        servers.close();
    }

    @Test
    void everyWriteGoesToTheProviderNeverToTheReplica() throws Exception {
        String payroll = "cn=payroll,ou=applications," + ProviderAndReplica.BASE;
        directory.add(new DefaultEntry(payroll, "objectClass: pslSenderApplication", "cn: payroll", "pslStatus: active"));
        directory.modify(BILLING, ModificationOperation.ADD_ATTRIBUTE, "pslNetwork", "192.0.2.0/24");

        assertNotNull(servers.provider.getEntry(payroll));
        assertTrue(servers.provider.getEntry(BILLING).hasAttributeValue("pslNetwork", "192.0.2.0/24"));
        assertNull(servers.replica.getEntry(payroll));
        assertEquals(1, servers.replica.getEntry(BILLING).getAttributeValues("pslNetwork").length);

        directory.delete(payroll);
        assertNull(servers.provider.getEntry(payroll));
    }

    @Test
    void aReadGoesToTheReplicaUnlessItAsksForTheProvider() throws Exception {
        ProviderAndReplica.addApplication(servers.provider, "payroll", "192.0.2.7/32"); // not replicated yet
        String payroll = "cn=payroll,ou=applications," + ProviderAndReplica.BASE;

        assertTrue(directory.lookup(payroll, "cn").isEmpty(), "the replica does not hold it yet");
        assertTrue(directory.lookup(DirectoryCopy.PROVIDER, payroll, "cn").isPresent());
        assertEquals(1, directory.list("applications", "(objectClass=pslSenderApplication)", "cn").size());
        assertEquals(2, directory.list(DirectoryCopy.PROVIDER, "applications", "(objectClass=pslSenderApplication)", "cn").size());
    }

    @Test
    void withOneUrlTheWriteIsReadBackFromTheSameServer() throws Exception {
        LdapDirectory single = servers.directoryOfOneServer();
        try {
            single.modify(BILLING, ModificationOperation.ADD_ATTRIBUTE, "pslNetwork", "192.0.2.0/24");

            assertTrue(servers.replica.getEntry(BILLING).hasAttributeValue("pslNetwork", "192.0.2.0/24"));
            assertTrue(single.lookup(BILLING, "pslNetwork").orElseThrow().contains("pslNetwork", "192.0.2.0/24"));
        } finally {
            single.close();
        }
    }

    @Test
    void withTheReplicaDownReadsOfItFailButWritesAndProviderReadsGoOn() throws Exception {
        String replica = ProviderAndReplica.url(servers.replica);
        servers.replica.shutDown(true);

        DirectoryUnavailableException down = assertThrows(DirectoryUnavailableException.class, () -> directory.lookup(BILLING, "cn"));
        assertEquals("the directory cannot be reached", down.publicMessage());
        assertTrue(down.getMessage().contains(replica), down.getMessage());
        directory.modify(BILLING, ModificationOperation.ADD_ATTRIBUTE, "pslNetwork", "192.0.2.0/24");
        assertTrue(directory.lookup(DirectoryCopy.PROVIDER, BILLING, "pslNetwork").orElseThrow().contains("pslNetwork", "192.0.2.0/24"));
    }

    @Test
    void withTheProviderDownAWriteFailsSayingSoAndReplicaReadsGoOn() throws Exception {
        servers.provider.shutDown(true);

        DirectoryUnavailableException down = assertThrows(DirectoryUnavailableException.class,
                () -> directory.modify(BILLING, ModificationOperation.ADD_ATTRIBUTE, "pslNetwork", "192.0.2.0/24"));
        assertEquals("the directory's provider, where changes are written, cannot be reached", down.publicMessage());
        assertTrue(directory.lookup(BILLING, "cn").isPresent());
    }
}
