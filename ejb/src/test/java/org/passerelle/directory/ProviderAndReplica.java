package org.passerelle.directory;

import java.net.InetAddress;
import java.time.Duration;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.passerelle.metrics.GatewayMetrics;

/**
 * Two in-memory directory servers standing for an OpenLDAP provider and its replica, each with
 * the base entry and the units the relay reads: a test puts an entry on one of them only, as a
 * replica that has not yet received a write would be.
 */
final class ProviderAndReplica implements AutoCloseable {

    static final String BASE = "dc=passerelle,dc=test";
    private static final String ADMIN = "cn=admin," + BASE;
    private static final String PASSWORD = "secret";

    final InMemoryDirectoryServer provider;
    final InMemoryDirectoryServer replica;

    ProviderAndReplica() throws Exception {
        provider = server();
        replica = server();
    }

    /** Passerelle's directory reading the replica and writing the provider. */
    LdapDirectory directory(Duration cacheTtl) {
        return new LdapDirectory(settings(url(replica), url(provider), cacheTtl), new GatewayMetrics(new SimpleMeterRegistry()));
    }

    /** Passerelle's directory with one server for everything, as without PSL_LDAP_WRITE_URL. */
    LdapDirectory directoryOfOneServer() {
        return new LdapDirectory(settings(url(replica), url(replica), Duration.ZERO), new GatewayMetrics(new SimpleMeterRegistry()));
    }

    static String url(InMemoryDirectoryServer server) {
        return "ldap://127.0.0.1:" + server.getListenPort() + "/";
    }

    /** Adds the LDIF lines as one entry to the server. */
    static void add(InMemoryDirectoryServer server, String... ldif) throws Exception {
        server.add(ldif);
    }

    static void addApplication(InMemoryDirectoryServer server, String name, String network) throws Exception {
        add(server, "dn: cn=" + name + ",ou=applications," + BASE, "objectClass: top", "objectClass: pslSenderApplication",
                "cn: " + name, "pslStatus: active", "pslNetwork: " + network);
    }

    @Override
    public void close() {
        provider.shutDown(true);
        replica.shutDown(true);
    }

    private static DirectorySettings settings(String url, String writeUrl, Duration cacheTtl) {
        return new DirectorySettings(url, writeUrl, false, ADMIN, PASSWORD, BASE, 100, cacheTtl);
    }

    private static InMemoryDirectoryServer server() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(ADMIN, PASSWORD);
        config.setSchema(null); // the relay's entries only: the schema is ldap-schema's business
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.startListening();
        add(server, "dn: " + BASE, "objectClass: domain", "dc: passerelle");
        for (String unit : new String[] {"applications", "domains", "routes", "access"}) {
            add(server, "dn: ou=" + unit + "," + BASE, "objectClass: organizationalUnit", "ou: " + unit);
        }
        return server;
    }
}
