package org.passerelle.directory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

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
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;
import org.passerelle.metrics.GatewayMetrics;
import org.passerelle.smtp.client.ServerCertificate;

/**
 * Passerelle's connection to its directory: pools of authenticated LDAP connections
 * ({@link DirectoryPools}: reads go to the {@link DirectoryCopy} asked for, the nearest by default,
 * writes to the provider) and the operations the directory package makes (paged searches,
 * lookups, binds that check a person's password, modifications). Any failure to reach the directory is a
 * {@link DirectoryUnavailableException}, counted for Prometheus; callers build filters with {@code FilterBuilder}, which
 * escapes every value (RFC 4515), and DNs with {@link #dn}, which escapes RDN values (RFC 4514).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LdapDirectory {

    private static final Logger LOG = Logger.getLogger(LdapDirectory.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private DirectorySettings settings;
    private DirectoryPools pools;

    @Inject
    private GatewayMetrics metrics;

    public LdapDirectory() {
    }

    /** A directory outside the container, for tests. */
    LdapDirectory(DirectorySettings settings, GatewayMetrics metrics) {
        this.metrics = metrics;
        open(settings);
    }

    @PostConstruct
    void open() {
        open(DirectorySettings.fromServer());
    }

    private void open(DirectorySettings settings) {
        this.settings = settings;
        pools = new DirectoryPools(settings, url -> {
            LdapConnectionConfig config = connectionConfig(url, settings);
            config.setName(settings.bindDn());
            config.setCredentials(settings.password());
            return config;
        }, TIMEOUT);
        LOG.info(() -> "directory " + settings);
    }

    @PreDestroy
    void close() {
        pools.close();
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

    /** The entries matching the filter directly under {@code ou=<unit>} of the base DN, page by page, from the nearest copy. */
    public List<Entry> list(String unit, String filter, String... attributes) {
        return list(DirectoryCopy.NEAREST, unit, filter, attributes);
    }

    /** The entries matching the filter directly under {@code ou=<unit>} of the base DN, page by page. */
    public List<Entry> list(DirectoryCopy copy, String unit, String filter, String... attributes) {
        String base = "ou=" + unit + "," + settings.baseDn();
        try (DirectoryPools.Lease lease = lease(copy)) {
            return pagedSearch(lease.connection(), base, filter, settings.pageSize(), attributes);
        } catch (LdapException | CursorException | IOException e) {
            metrics.directoryError("search");
            throw new DirectoryUnavailableException("searching " + base + " for " + filter + " failed: " + e.getMessage(),
                    "searching ou=" + unit + " failed: " + resultOf(e), e);
        }
    }

    /** The entry, from the nearest copy. */
    public Optional<Entry> lookup(String dn, String... attributes) {
        return lookup(DirectoryCopy.NEAREST, dn, attributes);
    }

    public Optional<Entry> lookup(DirectoryCopy copy, String dn, String... attributes) {
        try (DirectoryPools.Lease lease = lease(copy)) {
            return Optional.ofNullable(lease.connection().lookup(dn, attributes));
        } catch (LdapException e) {
            metrics.directoryError("read");
            throw new DirectoryUnavailableException("reading " + dn + " failed: " + e.getMessage(),
                    "reading " + relative(dn) + " failed: " + resultOf(e), e);
        }
    }

    /**
     * Whether a simple bind as the entry with that password succeeds, on a connection of its own.
     * An empty password never succeeds: LDAP would take it as an anonymous bind (RFC 4513 §5.1.2).
     * It binds to the nearest copy: replicas hold the passwords too (docs/cluster.md).
     */
    public boolean passwordMatches(String dn, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        try (LdapNetworkConnection connection = new LdapNetworkConnection(connectionConfig(settings.url(), settings))) {
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

    /**
     * One write on a pooled connection to the provider; the server's refusal, as its
     * unavailability, is an exception (a replica's referral too: it is never followed).
     */
    private void write(String what, LdapWrite operation) {
        DirectoryPools.Lease lease = lease(pools::forWriting);
        try (lease) {
            operation.on(lease.connection());
        } catch (LdapException e) {
            metrics.directoryError("write");
            throw new DirectoryUnavailableException(what + " at " + lease.url() + " failed: " + e.getMessage(),
                    what + " failed: " + resultOf(e), e);
        }
    }

    /** A connection for a read of that copy. */
    private DirectoryPools.Lease lease(DirectoryCopy copy) {
        return lease(() -> pools.forReading(copy));
    }

    private DirectoryPools.Lease lease(Supplier<DirectoryPools.Lease> pool) {
        try {
            return pool.get();
        } catch (DirectoryUnavailableException e) {
            metrics.directoryError("connect");
            throw e;
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

    /** Where and how to connect, without credentials; certificates checked against the JVM's trust store and the URL's host. */
    private static LdapConnectionConfig connectionConfig(String url, DirectorySettings settings) {
        return DirectoryConnectionConfig.of(url, settings.startTls(), ServerCertificate.authorities(null), TIMEOUT);
    }
}
