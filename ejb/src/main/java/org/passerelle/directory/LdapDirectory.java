package org.passerelle.directory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.directory.api.ldap.model.cursor.CursorException;
import org.apache.directory.api.ldap.model.cursor.SearchCursor;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapAuthenticationException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.message.controls.PagedResults;
import org.apache.directory.api.ldap.model.message.controls.PagedResultsImpl;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.ldap.client.api.DefaultLdapConnectionFactory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapConnectionPool;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;
import org.apache.directory.ldap.client.api.ValidatingPoolableLdapConnectionFactory;
import org.passerelle.metrics.GatewayMetrics;
import org.passerelle.smtp.client.ServerCertificate;

/**
 * Passerelle's connection to its directory: a pool of authenticated LDAP connections and the
 * operations the directory package makes (paged searches, lookups, binds that check a person's
 * password, modifications). Any failure to reach the directory is a
 * {@link DirectoryUnavailableException}, counted for Prometheus; callers build filters with {@code FilterBuilder}, which
 * escapes every value (RFC 4515), and DNs with {@link #dn}, which escapes RDN values (RFC 4514).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LdapDirectory {

    private static final Logger LOG = Logger.getLogger(LdapDirectory.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private DirectorySettings settings;
    private LdapConnectionConfig connectionConfig;
    private LdapConnectionPool pool;

    @Inject
    private GatewayMetrics metrics;

    @PostConstruct
    void open() {
        settings = DirectorySettings.fromServer();
        connectionConfig = connectionConfig(settings);
        connectionConfig.setName(settings.bindDn());
        connectionConfig.setCredentials(settings.password());
        DefaultLdapConnectionFactory factory = new DefaultLdapConnectionFactory(connectionConfig);
        factory.setTimeOut(TIMEOUT.toMillis());
        pool = new LdapConnectionPool(new ValidatingPoolableLdapConnectionFactory(factory), poolConfig());
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

    /** The DN of the entry {@code attribute=value} under {@code ou=unit} of the base, the value escaped. */
    public String dn(String attribute, String value, String unit) {
        try {
            return new Dn(new Rdn(attribute, value), new Dn("ou=" + unit + "," + settings.baseDn())).getName();
        } catch (LdapException e) {
            throw new IllegalArgumentException("cannot make a DN of " + attribute + "=" + value, e);
        }
    }

    /** The entries matching the filter directly under {@code ou=<unit>} of the base DN, page by page. */
    public List<Entry> list(String unit, String filter, String... attributes) {
        String base = "ou=" + unit + "," + settings.baseDn();
        LdapConnection connection = borrow();
        try {
            return pagedSearch(connection, base, filter, settings.pageSize(), attributes);
        } catch (LdapException | CursorException | IOException e) {
            metrics.directoryError("search");
            throw new DirectoryUnavailableException("searching " + base + " for " + filter + " failed: " + e.getMessage(),
                    "searching ou=" + unit + " failed: " + resultOf(e), e);
        } finally {
            release(connection);
        }
    }

    public Optional<Entry> lookup(String dn, String... attributes) {
        LdapConnection connection = borrow();
        try {
            return Optional.ofNullable(connection.lookup(dn, attributes));
        } catch (LdapException e) {
            metrics.directoryError("read");
            throw new DirectoryUnavailableException("reading " + dn + " failed: " + e.getMessage(),
                    "reading " + relative(dn) + " failed: " + resultOf(e), e);
        } finally {
            release(connection);
        }
    }

    /**
     * Whether a simple bind as the entry with that password succeeds, on a connection of its own.
     * An empty password never succeeds: LDAP would take it as an anonymous bind (RFC 4513 §5.1.2).
     */
    public boolean passwordMatches(String dn, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        try (LdapNetworkConnection connection = new LdapNetworkConnection(connectionConfig(settings))) {
            connection.setTimeOut(TIMEOUT.toMillis());
            connection.bind(dn, password);
            return true;
        } catch (LdapAuthenticationException e) {
            return false;
        } catch (LdapException e) {
            metrics.directoryError("bind");
            throw new DirectoryUnavailableException("checking the password of " + dn + " failed: " + e.getMessage(),
                    "checking a password failed: " + resultOf(e), e);
        }
    }

    /** Adds or removes one value of one attribute of an entry. */
    public void modify(String dn, ModificationOperation operation, String attribute, String value) {
        modify(dn, List.of(new DefaultModification(operation, attribute, value)));
    }

    /** Makes all the modifications in one LDAP modify operation: the server applies all of them or none. */
    public void modify(String dn, List<Modification> modifications) {
        write("changing " + relative(dn), connection -> connection.modify(new Dn(dn), modifications.toArray(Modification[]::new)));
    }

    public void add(Entry entry) {
        write("adding " + relative(entry.getDn().getName()), connection -> connection.add(entry));
    }

    public void delete(String dn) {
        write("deleting " + relative(dn), connection -> connection.delete(dn));
    }

    /** One write on a pooled connection; the server's refusal, as its unavailability, is an exception. */
    private void write(String what, LdapWrite operation) {
        LdapConnection connection = borrow();
        try {
            operation.on(connection);
        } catch (LdapException e) {
            metrics.directoryError("write");
            throw new DirectoryUnavailableException(what + " failed: " + e.getMessage(), what + " failed: " + resultOf(e), e);
        } finally {
            release(connection);
        }
    }

    /** A DN without the base DN, which callers need not know. */
    private String relative(String dn) {
        String suffix = "," + settings.baseDn();
        return dn.regionMatches(true, dn.length() - suffix.length(), suffix, 0, suffix.length())
                ? dn.substring(0, dn.length() - suffix.length()) : dn;
    }

    /** The directory's result code, without the server's diagnostic text (which may name DNs and filters). */
    private static String resultOf(Exception e) {
        return e instanceof LdapOperationException refused ? refused.getResultCode().name() : "no answer from the directory";
    }

    @FunctionalInterface
    private interface LdapWrite {
        void on(LdapConnection connection) throws LdapException;
    }

    private static List<Entry> pagedSearch(LdapConnection connection, String base, String filter, int pageSize,
                                           String... attributes)
            throws LdapException, CursorException, IOException {
        SearchRequest request = new SearchRequestImpl();
        request.setBase(new Dn(base));
        request.setFilter(filter);
        request.setScope(SearchScope.ONELEVEL);
        request.addAttributes(attributes);
        List<Entry> entries = new ArrayList<>();
        byte[] cookie = null;
        do {
            PagedResults page = new PagedResultsImpl();
            page.setSize(pageSize);
            page.setCookie(cookie);
            request.addControl(page);
            try (SearchCursor cursor = connection.search(request)) {
                while (cursor.next()) {
                    if (cursor.isEntry()) {
                        entries.add(cursor.getEntry());
                    }
                }
                PagedResults next = (PagedResults) cursor.getSearchResultDone().getControl(PagedResults.OID);
                cookie = next == null ? null : next.getCookie();
            }
        } while (cookie != null && cookie.length > 0);
        return entries;
    }

    /**
     * A pooled connection. A new connection is made twice before the directory counts as
     * unreachable: a StartTLS connection is, rarely, closed by the client's TLS layer right after
     * its handshake (seen once on a server's first connection), and one such drop must not refuse
     * mail or an admin's write.
     */
    private LdapConnection borrow() {
        try {
            return pool.getConnection();
        } catch (LdapException | RuntimeException first) {
            LOG.warning("a connection to the directory failed, trying once more: " + first.getMessage());
            try {
                return pool.getConnection();
            } catch (LdapException | RuntimeException e) {
                metrics.directoryError("connect");
                throw new DirectoryUnavailableException("cannot connect to the directory at " + settings.url() + ": " + e.getMessage(),
                        "the directory cannot be reached", e);
            }
        }
    }

    private void release(LdapConnection connection) {
        try {
            pool.releaseConnection(connection);
        } catch (LdapException e) {
            LOG.warning("releasing a directory connection: " + e.getMessage());
        }
    }

    /** Where and how to connect, without credentials; certificates checked against the JVM's trust store and the URL's host. */
    private static LdapConnectionConfig connectionConfig(DirectorySettings settings) {
        return DirectoryConnectionConfig.of(settings.url(), settings.startTls(), ServerCertificate.authorities(null), TIMEOUT);
    }

    private static GenericObjectPoolConfig<LdapConnection> poolConfig() {
        GenericObjectPoolConfig<LdapConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(16);
        config.setMaxIdle(8);
        config.setMaxWait(TIMEOUT);
        config.setTestOnBorrow(true);
        return config;
    }
}
