package org.passerelle.dkim;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.passerelle.audit.AuditLog;
import org.passerelle.directory.Requester;
import org.passerelle.refusal.Refusal;
import org.passerelle.routing.RoutingSettings;

/**
 * The DKIM keys (docs/dkim-and-alignment.md): the central service makes one for a signing domain
 * (RSA 2048, selector named by the month), checks through DNS that its TXT record is published,
 * and deactivates it; central, operations and auditors read them. A key signs from the first check
 * that found it published. Every change is audited; the private key is stored in the database
 * and never logged, audited or returned.
 */
@Stateless
public class DkimKeys {

    private static final Logger LOG = Logger.getLogger(DkimKeys.class.getName());
    static final int KEY_BITS = 2048;
    private static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);
    private static final String COLUMNS = "domain, selector, public_key, active, created_at, created_by, deactivated_at, deactivated_by,"
            + " published_at";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private AuditLog audit;

    @Inject
    private DkimSigning signing;

    private final Clock clock = Clock.systemUTC();

    /** Every key, newest first; {@code domain} filters (empty: all). */
    public List<DkimKey> list(Requester requester, String domain) {
        mayRead(requester);
        String sql = "select " + COLUMNS + " from dkim_key" + (domain == null || domain.isBlank() ? "" : " where domain = ?")
                + " order by created_at desc, selector desc";
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
            if (domain != null && !domain.isBlank()) {
                select.setString(1, domain.toLowerCase(Locale.ROOT));
            }
            return keys(select);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the DKIM keys failed", e);
        }
    }

    public DkimKey find(Requester requester, String domain, String selector) {
        mayRead(requester);
        return find(domain, selector);
    }

    /** Makes a key for the domain: RSA 2048, the month's selector; it signs once a check found it published. */
    public DkimKey create(Requester requester, String domain) {
        mayWrite(requester);
        String name = SigningDomain.parse(domain);
        KeyPair pair = generate();
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            Set<String> taken = new HashSet<>();
            try (PreparedStatement select = db.prepareStatement("select selector from dkim_key where domain = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        taken.add(rows.getString(1));
                    }
                }
            }
            String selector = DkimSelector.forMonth(YearMonth.from(now.atZone(ZoneOffset.UTC)), taken);
            DkimTxtRecord record = DkimTxtRecord.of(name, selector, pair.getPublic().getEncoded());
            try (PreparedStatement insert = db.prepareStatement("insert into dkim_key (domain, selector, private_key, public_key, created_at,"
                    + " created_by, active) values (?, ?, ?, ?, ?, ?, true)")) {
                insert.setString(1, name);
                insert.setString(2, selector);
                insert.setBytes(3, pair.getPrivate().getEncoded());
                insert.setString(4, record.value());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setString(6, requester.login());
                insert.executeUpdate();
            }
            audit.record(requester.login(), "dkim-key.create", record.name(), null, record.value());
            LOG.info(() -> "DKIM key " + record.name() + " made by " + requester.login() + "; it signs once its TXT record is found published");
            return find(name, selector);
        } catch (SQLException e) {
            throw new IllegalStateException("storing the DKIM key of " + name + " failed", e);
        }
    }

    /**
     * Asks DNS whether the key's record is published with this key. The first time it is, the key
     * starts signing (audited, {@code dkim-key.published}).
     */
    public DkimKey check(Requester requester, String domain, String selector) {
        mayWrite(requester);
        DkimKey key = find(domain, selector);
        DkimDnsCheck.Result result = new DkimDnsCheck(RoutingSettings.fromServer().dnsResolver(), DNS_TIMEOUT).check(key.dns());
        if (result.status() == DkimDnsCheck.Status.PUBLISHED) {
            int changed = update("update dkim_key set published_at = ? where domain = ? and selector = ? and published_at is null",
                    Timestamp.from(clock.instant()), key.domain(), key.selector());
            if (changed == 1) {
                audit.record(requester.login(), "dkim-key.published", key.dns().name(), null, "found published in DNS: signing"
                        + (key.active() ? "" : " once active"));
                signing.invalidate();
            }
        }
        return find(domain, selector).withCheck(result);
    }

    /** Stops the key signing; kept for the record, its selector never reused. */
    public DkimKey deactivate(Requester requester, String domain, String selector) {
        mayWrite(requester);
        DkimKey key = find(domain, selector);
        if (!key.active()) {
            throw new Refusal(Refusal.Reason.CONFLICT, key.dns().name() + " is deactivated already");
        }
        update("update dkim_key set active = false, deactivated_at = ?, deactivated_by = ? where domain = ? and selector = ?",
                Timestamp.from(clock.instant()), requester.login(), key.domain(), key.selector());
        audit.record(requester.login(), "dkim-key.deactivate", key.dns().name(), "active", "deactivated");
        signing.invalidate();
        LOG.info(() -> "DKIM key " + key.dns().name() + " deactivated by " + requester.login());
        return find(domain, selector);
    }

    private DkimKey find(String domain, String selector) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select " + COLUMNS + " from dkim_key where domain = ? and selector = ?")) {
            select.setString(1, domain == null ? "" : domain.toLowerCase(Locale.ROOT));
            select.setString(2, selector);
            List<DkimKey> found = keys(select);
            if (found.isEmpty()) {
                throw new Refusal(Refusal.Reason.NOT_FOUND, "no DKIM key " + selector + " of " + domain);
            }
            return found.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the DKIM key failed", e);
        }
    }

    private int update(String sql, Timestamp at, String... values) {
        try (Connection db = dataSource.getConnection(); PreparedStatement update = db.prepareStatement(sql)) {
            update.setTimestamp(1, at);
            for (int i = 0; i < values.length; i++) {
                update.setString(i + 2, values[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("changing the DKIM key failed", e);
        }
    }

    private static List<DkimKey> keys(PreparedStatement select) throws SQLException {
        List<DkimKey> keys = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String domain = rows.getString(1);
                String selector = rows.getString(2);
                keys.add(new DkimKey(domain, selector, rows.getBoolean(4), instant(rows.getTimestamp(5)), rows.getString(6),
                        instant(rows.getTimestamp(7)), rows.getString(8), instant(rows.getTimestamp(9)),
                        new DkimTxtRecord(selector + "._domainkey." + domain, rows.getString(3)), null));
            }
        }
        return keys;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }

    private static void mayRead(Requester requester) {
        if (!requester.seesEverything()) {
            throw new Refusal(Refusal.Reason.FORBIDDEN, "only the central service, operations and auditors see the DKIM keys");
        }
    }

    private static void mayWrite(Requester requester) {
        if (!requester.is(Requester.Role.CENTRAL)) {
            throw new Refusal(Refusal.Reason.FORBIDDEN, "only the central service makes, checks and deactivates DKIM keys");
        }
    }
}
