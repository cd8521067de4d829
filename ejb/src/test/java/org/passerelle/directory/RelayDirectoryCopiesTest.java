package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's snapshot comes from the replica (PSL_LDAP_URL), except the first one after this
 * node wrote the directory and {@link RelayDirectory#fresh}: those come from the provider, so that
 * a replica that has not yet received the write is not cached in its place.
 */
class RelayDirectoryCopiesTest {

    private ProviderAndReplica servers;
    private LdapDirectory directory;
    private RelayDirectory relay;

    @BeforeEach
    void start() throws Exception {
        servers = new ProviderAndReplica();
        ProviderAndReplica.addApplication(servers.provider, "billing", "127.0.0.1/32");
        ProviderAndReplica.addApplication(servers.replica, "billing", "127.0.0.1/32");
        // a copy expired as soon as read: each current() reads, so that the test sees which copy it reads
        directory = servers.directory(Duration.ofSeconds(-1));
        relay = new RelayDirectory(directory);
        ProviderAndReplica.addApplication(servers.provider, "payroll", "192.0.2.7/32"); // written, not yet replicated
    }

    @AfterEach
    void stop() {
        directory.close();
        servers.close();
    }

    private static List<String> names(DirectorySnapshot snapshot) {
        return snapshot.applications().stream().map(SenderApplication::name).sorted().toList();
    }

    @Test
    void theSmtpPathReadsTheReplica() {
        assertEquals(List.of("billing"), names(relay.current()));
    }

    @Test
    void afterThisNodeWroteTheNextSnapshotComesFromTheProviderOnce() {
        relay.current();
        relay.invalidate();

        assertEquals(List.of("billing", "payroll"), names(relay.current()), "this node's write is seen at once");
        assertEquals(List.of("billing"), names(relay.current()), "then the replica again, the SMTP path's copy");
    }

    @Test
    void aFreshCopyComesFromTheProvider() {
        assertEquals(List.of("billing", "payroll"), names(relay.fresh()));
    }
}
