package org.passerelle.directory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.directory.api.ldap.model.cursor.CursorException;
import org.apache.directory.api.ldap.model.cursor.EntryCursor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapURLEncodingException;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.url.LdapUrl;
import org.apache.directory.ldap.client.api.DefaultLdapConnectionFactory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapConnectionPool;
import org.apache.directory.ldap.client.api.ValidatingPoolableLdapConnectionFactory;

/**
 * Passerelle's connection to its directory: a pool of authenticated LDAP connections and the
 * searches the directory package makes. Any failure is a {@link DirectoryUnavailableException}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LdapDirectory {

    private static final Logger LOG = Logger.getLogger(LdapDirectory.class.getName());
    private static final long TIMEOUT_MILLIS = 5_000;

    private DirectorySettings settings;
    private LdapConnectionPool pool;

    @PostConstruct
    void open() {
        settings = DirectorySettings.fromServer();
        pool = new LdapConnectionPool(new ValidatingPoolableLdapConnectionFactory(connectionFactory(settings)), poolConfig());
        LOG.info(() -> "directory " + settings);
    }

    @PreDestroy
    void close() {
        try {
            pool.close();
        } catch (RuntimeException e) {
            LOG.warning("closing the directory pool: " + e);
        }
    }

    public DirectorySettings settings() {
        return settings;
    }

    /** The entries matching the filter directly under {@code ou=<unit>} of the base DN. */
    public List<Entry> list(String unit, String filter, String... attributes) {
        String base = "ou=" + unit + "," + settings.baseDn();
        LdapConnection connection = borrow();
        try (EntryCursor cursor = connection.search(base, filter, SearchScope.ONELEVEL, attributes)) {
            List<Entry> entries = new ArrayList<>();
            while (cursor.next()) {
                entries.add(cursor.get());
            }
            return entries;
        } catch (LdapException | CursorException | IOException e) {
            throw new DirectoryUnavailableException("searching " + base + " for " + filter + " failed: " + e.getMessage(), e);
        } finally {
            release(connection);
        }
    }

    private LdapConnection borrow() {
        try {
            return pool.getConnection();
        } catch (LdapException | RuntimeException e) {
            throw new DirectoryUnavailableException("cannot connect to the directory at " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    private void release(LdapConnection connection) {
        try {
            pool.releaseConnection(connection);
        } catch (LdapException e) {
            LOG.warning("releasing a directory connection: " + e.getMessage());
        }
    }

    private static DefaultLdapConnectionFactory connectionFactory(DirectorySettings settings) {
        LdapUrl url = parse(settings.url());
        LdapConnectionConfig config = new LdapConnectionConfig();
        config.setLdapHost(url.getHost());
        config.setUseSsl(LdapUrl.LDAPS_SCHEME.equalsIgnoreCase(url.getScheme()));
        config.setLdapPort(url.getPort() > 0 ? url.getPort() : config.isUseSsl() ? 636 : 389);
        config.setName(settings.bindDn());
        config.setCredentials(settings.password());
        config.setTimeout(TIMEOUT_MILLIS);
        DefaultLdapConnectionFactory factory = new DefaultLdapConnectionFactory(config);
        factory.setTimeOut(TIMEOUT_MILLIS);
        return factory;
    }

    private static LdapUrl parse(String url) {
        try {
            return new LdapUrl(url);
        } catch (LdapURLEncodingException e) {
            throw new IllegalStateException("psl.ldap.url is not an LDAP URL: " + url, e);
        }
    }

    private static GenericObjectPoolConfig<LdapConnection> poolConfig() {
        GenericObjectPoolConfig<LdapConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(16);
        config.setMaxIdle(8);
        config.setMaxWait(java.time.Duration.ofMillis(TIMEOUT_MILLIS));
        config.setTestOnBorrow(true);
        return config;
    }
}
