package org.passerelle.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.apache.directory.api.ldap.model.entry.Entry;

/**
 * The sender applications, managed domains, routes, access rules and the greylisting allow-list, read from the directory and kept
 * for a short time ({@code PSL_DIRECTORY_CACHE_SECONDS}). When the directory cannot be read and the
 * copy has expired, callers get a {@link DirectoryUnavailableException}: nothing is decided on stale
 * data. An entry that cannot be understood is left out, with a warning naming it.
 *
 * <p>It reads the nearest copy of the directory ({@link DirectoryCopy}), except right after
 * Passerelle wrote it ({@link #invalidate}) and for {@link #fresh}: those read the provider, so
 * that this node never caches, for the cache's lifetime, a replica that has not yet received its
 * own write.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the directory is no transactional resource
public class RelayDirectory {

    private static final Logger LOG = Logger.getLogger(RelayDirectory.class.getName());

    @EJB
    private LdapDirectory directory;

    private final Clock clock = Clock.systemUTC();
    private volatile DirectorySnapshot snapshot;
    /** Set by a write of this node: the next read goes to the provider. */
    private volatile boolean written;
    /** Read once: asking the directory bean for it at every SMTP stage cost an EJB call each time. */
    private Duration cacheTtl;

    public RelayDirectory() {
    }

    /** A relay directory outside the container, for tests. */
    RelayDirectory(LdapDirectory directory) {
        this.directory = directory;
        configure();
    }

    @PostConstruct
    void configure() {
        cacheTtl = directory.settings().cacheTtl();
    }

    public DirectorySnapshot current() {
        DirectorySnapshot held = snapshot;
        if (held != null && !expired(held)) {
            return held;
        }
        return refresh();
    }

    /**
     * Forgets the cached copy, for when Passerelle itself has just written the directory; the next
     * copy is read from the provider, which holds the write already.
     */
    public void invalidate() {
        written = true;
        snapshot = null;
    }

    /**
     * The directory as it is now, read from the provider whatever the age of the cached copy, which
     * it replaces; when the directory cannot be read, the cached copy is kept for the time it has left.
     */
    public synchronized DirectorySnapshot fresh() {
        return readNow(DirectoryCopy.PROVIDER);
    }

    private synchronized DirectorySnapshot refresh() {
        DirectorySnapshot held = snapshot;
        if (held != null && !expired(held)) {
            return held;
        }
        return readNow(written ? DirectoryCopy.PROVIDER : DirectoryCopy.NEAREST);
    }

    private DirectorySnapshot readNow(DirectoryCopy copy) {
        // cleared before the read: a write made while it runs asks for another read of the provider
        boolean wasWritten = written;
        if (copy == DirectoryCopy.PROVIDER) {
            written = false;
        }
        try {
            DirectorySnapshot fresh = new DirectorySnapshot(
                    read(copy, "applications", "(objectClass=pslSenderApplication)", RelayDirectory::application),
                    read(copy, "domains", "(objectClass=pslManagedDomain)", RelayDirectory::domain),
                    read(copy, "routes", "(objectClass=pslRoute)", RelayDirectory::route),
                    read(copy, "access", "(objectClass=pslAccessRule)", RelayDirectory::accessRule),
                    read(copy, EntryKind.GREYLIST_ALLOW.unit(), "(objectClass=pslGreylistAllow)", RelayDirectory::greylistAllow),
                    clock.instant());
            snapshot = fresh;
            return fresh;
        } catch (DirectoryUnavailableException e) {
            written |= wasWritten;
            LOG.severe("directory unavailable, SMTP clients are told to retry later: " + e.getMessage());
            throw e;
        }
    }

    private boolean expired(DirectorySnapshot held) {
        return held.readAt().plus(cacheTtl).isBefore(clock.instant());
    }

    private <T> List<T> read(DirectoryCopy copy, String unit, String filter, Function<Entry, T> reader) {
        List<T> records = new ArrayList<>();
        for (Entry entry : directory.list(copy, unit, filter, "*")) {
            try {
                records.add(reader.apply(entry));
            } catch (RuntimeException e) {
                LOG.warning("ignoring " + entry.getDn() + ": " + e.getMessage());
            }
        }
        return records;
    }

    private static SenderApplication application(Entry entry) {
        DirectoryRecord record = DirectoryRecord.of(EntryKind.APPLICATION, entry);
        String rateLimit = record.first("rateLimit");
        String expires = record.first("expires");
        return new SenderApplication(record.name(),
                SenderApplication.Status.of(record.first("status")),
                networks(record.name(), record.values("networks")),
                record.values("allowedSenders"),
                record.values("gateways"),
                record.first("entity"),
                rateLimit == null ? null : Integer.valueOf(rateLimit.trim()),
                record.first("description"),
                record.values("managers"),
                record.values("owners"),
                EntryValues.time(record.first("created")),
                expires == null ? null : LocalDate.parse(expires.trim()));
    }

    private static ManagedDomain domain(Entry entry) {
        return new ManagedDomain(EntryValues.first(entry, "pslDomainName"),
                ManagedDomain.Kind.of(EntryValues.first(entry, "pslDomainKind")),
                EntryValues.first(entry, "pslNextHop"), EntryValues.first(entry, "pslTlsPolicy"),
                EntryValues.all(entry, "pslRelayRecipient"),
                EntryValues.all(entry, "pslSenderForm").stream().map(SenderForm::read).toList());
    }

    private static DomainRoute route(Entry entry) {
        return new DomainRoute(new DomainPattern(EntryValues.first(entry, "pslDomainName")), EntryValues.first(entry, "pslNextHop"),
                EntryValues.first(entry, "pslTlsPolicy"));
    }

    /**
     * A rule read whole, or, for a deny rule with any value the relay cannot parse, its unreadable
     * stand-in, which defers every session: dropping it would let through what it was there to stop.
     * An allow rule that cannot be read is left out, which only narrows what is allowed.
     */
    private static AccessRule accessRule(Entry entry) {
        String name = EntryValues.first(entry, "cn");
        String action = EntryValues.first(entry, "pslAction");
        try {
            Integer priority = EntryValues.integer(entry, "pslPriority");
            return new AccessRule(name, AccessRule.Action.of(action),
                    priority == null ? Integer.MAX_VALUE : priority,
                    EntryValues.all(entry, "pslNetwork").stream().map(NetworkRange::parse).toList(),
                    EntryValues.all(entry, "pslHeloName").stream().map(DomainPattern::new).toList(),
                    EntryValues.all(entry, "pslSenderDomain").stream().map(DomainPattern::new).toList());
        } catch (RuntimeException e) {
            if (action != null && action.trim().equalsIgnoreCase("allow")) {
                throw e;
            }
            LOG.severe("ALERT: access rule " + entry.getDn() + " cannot be read (" + e.getMessage()
                    + "); every session it could reach is deferred until it is mended");
            return AccessRule.unreadable(name, readablePriority(entry), String.valueOf(e.getMessage()));
        }
    }

    /** An allow entry that cannot be read is left out (a warning names it): that only greylists more. */
    private static GreylistAllowEntry greylistAllow(Entry entry) {
        DirectoryRecord record = DirectoryRecord.of(EntryKind.GREYLIST_ALLOW, entry);
        return new GreylistAllowEntry(record.name(),
                record.values("networks").stream().map(NetworkRange::parse).toList(),
                record.values("senderDomains").stream().map(DomainPattern::new).toList(),
                record.values("recipients"));
    }

    // An unreadable priority puts the rule first: it may have been meant to come before any allow rule.
    private static int readablePriority(Entry entry) {
        try {
            Integer priority = EntryValues.integer(entry, "pslPriority");
            return priority == null ? Integer.MAX_VALUE : priority;
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    // A malformed network of an application is skipped, never widened into something else: the
    // application only loses that network.
    private static List<NetworkRange> networks(String owner, List<String> texts) {
        List<NetworkRange> networks = new ArrayList<>();
        for (String text : texts) {
            try {
                networks.add(NetworkRange.parse(text));
            } catch (IllegalArgumentException e) {
                LOG.warning(owner + ": ignoring " + e.getMessage());
            }
        }
        return networks;
    }
}
