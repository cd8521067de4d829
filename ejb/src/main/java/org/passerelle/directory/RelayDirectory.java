package org.passerelle.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;

/**
 * The sender applications and managed domains, read from the directory and kept for a short
 * time ({@code PSL_DIRECTORY_CACHE_SECONDS}). When the directory cannot be read and the copy has
 * expired, callers get a {@link DirectoryUnavailableException}: nothing is decided on stale data.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RelayDirectory {

    private static final Logger LOG = Logger.getLogger(RelayDirectory.class.getName());

    @EJB
    private LdapDirectory directory;

    private final Clock clock = Clock.systemUTC();
    private volatile DirectorySnapshot snapshot;

    public DirectorySnapshot current() {
        DirectorySnapshot held = snapshot;
        if (held != null && !expired(held)) {
            return held;
        }
        return refresh();
    }

    /** Forgets the cached copy, for when Passerelle itself has just written the directory. */
    public void invalidate() {
        snapshot = null;
    }

    private synchronized DirectorySnapshot refresh() {
        DirectorySnapshot held = snapshot;
        if (held != null && !expired(held)) {
            return held;
        }
        try {
            DirectorySnapshot fresh = new DirectorySnapshot(readApplications(), readDomains(), clock.instant());
            snapshot = fresh;
            return fresh;
        } catch (DirectoryUnavailableException e) {
            LOG.severe("directory unavailable, SMTP clients are told to retry later: " + e.getMessage());
            throw e;
        }
    }

    private boolean expired(DirectorySnapshot held) {
        return held.readAt().plus(directory.settings().cacheTtl()).isBefore(clock.instant());
    }

    private List<SenderApplication> readApplications() {
        List<SenderApplication> applications = new ArrayList<>();
        for (Entry entry : directory.list("applications", "(objectClass=pslSenderApplication)",
                "cn", "pslStatus", "pslNetwork", "pslAllowedSender")) {
            String name = first(entry, "cn");
            applications.add(new SenderApplication(name, "active".equalsIgnoreCase(first(entry, "pslStatus")),
                    networks(name, values(entry, "pslNetwork")), values(entry, "pslAllowedSender")));
        }
        return applications;
    }

    private List<ManagedDomain> readDomains() {
        List<ManagedDomain> domains = new ArrayList<>();
        for (Entry entry : directory.list("domains", "(objectClass=pslManagedDomain)", "pslDomainName", "pslDomainKind")) {
            domains.add(new ManagedDomain(first(entry, "pslDomainName"), ManagedDomain.kind(first(entry, "pslDomainKind"))));
        }
        return domains;
    }

    // A malformed network is skipped, never widened: it can only take relay rights away.
    private static List<NetworkRange> networks(String application, List<String> texts) {
        List<NetworkRange> networks = new ArrayList<>();
        for (String text : texts) {
            try {
                networks.add(NetworkRange.parse(text));
            } catch (IllegalArgumentException e) {
                LOG.warning("application " + application + ": ignoring " + e.getMessage());
            }
        }
        return networks;
    }

    private static String first(Entry entry, String attribute) {
        List<String> all = values(entry, attribute);
        return all.isEmpty() ? "" : all.get(0);
    }

    private static List<String> values(Entry entry, String attribute) {
        Attribute found = entry.get(attribute);
        List<String> texts = new ArrayList<>();
        if (found != null) {
            for (Value value : found) {
                texts.add(value.getString());
            }
        }
        return texts;
    }
}
