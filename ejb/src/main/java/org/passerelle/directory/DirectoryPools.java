package org.passerelle.directory;

import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Logger;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.ldap.client.api.DefaultLdapConnectionFactory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapConnectionPool;
import org.apache.directory.ldap.client.api.ValidatingPoolableLdapConnectionFactory;

/**
 * The pools of authenticated connections to the directory servers, one per URL, and the one place
 * that decides which server an operation talks to: a read, the {@link DirectoryCopy} it asks for;
 * a write, always the provider ({@code PSL_LDAP_WRITE_URL}). With one directory server (the write
 * URL is {@code PSL_LDAP_URL}) both copies are the same pool.
 */
final class DirectoryPools implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DirectoryPools.class.getName());

    private record Server(String url, LdapConnectionPool pool, String unreachable) {
    }

    private final Server nearest;
    private final Server provider;

    /**
     * @param connectionConfig where and how to connect to a URL, with the credentials to bind with
     */
    DirectoryPools(DirectorySettings settings, Function<String, LdapConnectionConfig> connectionConfig, Duration timeout) {
        nearest = open(settings.url(), connectionConfig, timeout, "the directory cannot be reached");
        provider = settings.replicated()
                ? open(settings.writeUrl(), connectionConfig, timeout,
                        "the directory's provider, where changes are written, cannot be reached")
                : nearest;
    }

    /** A connection to the copy the read asks for. */
    Lease forReading(DirectoryCopy copy) {
        return lease(copy == DirectoryCopy.PROVIDER ? provider : nearest);
    }

    /** A connection to the provider, the only copy that takes writes. */
    Lease forWriting() {
        return lease(provider);
    }

    @Override
    public void close() {
        close(nearest);
        if (provider != nearest) {
            close(provider);
        }
    }

    /** A connection borrowed from one server's pool, which {@link #close()} gives back to that pool. */
    static final class Lease implements AutoCloseable {

        private final Server server;
        private final LdapConnection connection;

        private Lease(Server server, LdapConnection connection) {
            this.server = server;
            this.connection = connection;
        }

        LdapConnection connection() {
            return connection;
        }

        /** The URL of the server the connection goes to. */
        String url() {
            return server.url();
        }

        @Override
        public void close() {
            try {
                server.pool().releaseConnection(connection);
            } catch (LdapException e) {
                LOG.warning("releasing a directory connection: " + e.getMessage());
            }
        }
    }

    /**
     * A pooled connection. A new connection is made twice before the server counts as unreachable:
     * a StartTLS connection is, rarely, closed by the client's TLS layer right after its handshake
     * (seen once on a server's first connection), and one such drop must not refuse mail or an
     * admin's write.
     */
    private static Lease lease(Server server) {
        try {
            return new Lease(server, server.pool().getConnection());
        } catch (LdapException | RuntimeException first) {
            LOG.warning("a connection to the directory at " + server.url() + " failed, trying once more: " + first.getMessage());
            try {
                return new Lease(server, server.pool().getConnection());
            } catch (LdapException | RuntimeException e) {
                throw new DirectoryUnavailableException("cannot connect to the directory at " + server.url() + ": " + e.getMessage(),
                        server.unreachable(), e);
            }
        }
    }

    private static Server open(String url, Function<String, LdapConnectionConfig> connectionConfig, Duration timeout,
                               String unreachable) {
        DefaultLdapConnectionFactory factory = new DefaultLdapConnectionFactory(connectionConfig.apply(url));
        factory.setTimeOut(timeout.toMillis());
        GenericObjectPoolConfig<LdapConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(16);
        config.setMaxIdle(8);
        config.setMaxWait(timeout);
        config.setTestOnBorrow(true);
        return new Server(url, new LdapConnectionPool(new ValidatingPoolableLdapConnectionFactory(factory), config), unreachable);
    }

    private static void close(Server server) {
        try {
            server.pool().close();
        } catch (RuntimeException e) {
            LOG.warning("closing the pool of the directory at " + server.url() + ": " + e);
        }
    }
}
