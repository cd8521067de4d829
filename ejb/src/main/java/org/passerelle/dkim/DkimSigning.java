package org.passerelle.dkim;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MessageContent;
import org.passerelle.tracking.SessionVerdict;

/**
 * Signs an application's accepted message, after the content checks changed it and before the
 * spool keeps it, when its {@code From:} domain (or a parent of it, up to its organisational
 * domain) has a key that is active and was found published; and works out its DMARC alignment.
 * The keys are read from the database and parsed once, then kept in memory and read again every
 * {@value #REFRESH_MILLIS} ms (a key made or deactivated on another node) or at once when this
 * node changes one: no database read and no key parsing per message. A plain CDI bean, not an
 * EJB: every application message goes through it, and the EJB interceptor chain cost more than a
 * message without a key needs.
 */
@ApplicationScoped
public class DkimSigning {

    private static final Logger LOG = Logger.getLogger(DkimSigning.class.getName());
    static final long REFRESH_MILLIS = 10_000;

    /** What signing made of a message: the content to keep, its alignment, and the lines its page shows. */
    public record Outcome(MessageContent content, DmarcAlignment alignment, SessionVerdict signature, SessionVerdict dmarc) {
    }

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final Clock clock = Clock.systemUTC();
    private volatile Map<String, SigningKey> keys;
    private volatile long loadedAt;

    /** An application's message: signed when a key applies, and its alignment. */
    public Outcome sign(Envelope envelope, MessageContent content) throws IOException {
        Optional<HeaderFields> fields = HeaderFields.of(content);
        String fromDomain = fields.flatMap(HeaderFields::fromDomain).orElse(null);
        String envelopeDomain = envelope.nullSender() ? null : envelope.sender().domain();
        SigningKey key = fromDomain == null ? null : keyFor(fromDomain);
        MessageContent signed = content;
        SessionVerdict signature;
        if (key == null || fields.isEmpty()) {
            signature = new SessionVerdict("dkim", fromDomain == null ? "no From: domain" : fromDomain, "250",
                    fields.isEmpty() ? "not signed: header section too long" : "not signed: no published active key for the From: domain");
        } else {
            long start = System.nanoTime();
            String field = MessageSigner.sign(content, fields.get(), key, clock.instant());
            signed = new SignedContent(field, content);
            long micros = (System.nanoTime() - start) / 1000;
            signature = new SessionVerdict("dkim", "d=" + key.domain() + " s=" + key.selector(), "250",
                    String.format("signed, relaxed/relaxed, rsa-sha256 (%d.%d ms)", micros / 1000, micros % 1000 / 100));
        }
        DmarcAlignment alignment = DmarcAlignment.of(fromDomain, envelopeDomain, key == null ? null : key.domain());
        return new Outcome(signed, alignment, signature,
                new SessionVerdict("dmarc", fromDomain == null ? "no From:" : "From: " + fromDomain, "250", alignment.describe()));
    }

    /** The key of the domain, else of its closest parent within its organisational domain. */
    SigningKey keyFor(String domain) {
        Map<String, SigningKey> current = current();
        if (current.isEmpty()) {
            return null;
        }
        String organisational = OrganisationalDomain.of(domain);
        String name = domain;
        while (true) {
            SigningKey key = current.get(name);
            if (key != null || name.equals(organisational) || name.indexOf('.') < 0) {
                return key;
            }
            name = name.substring(name.indexOf('.') + 1);
        }
    }

    /** Read again at the next message: a key of this node changed. */
    public void invalidate() {
        loadedAt = 0;
    }

    private Map<String, SigningKey> current() {
        long now = System.currentTimeMillis();
        Map<String, SigningKey> known = keys;
        if (known != null && now - loadedAt < REFRESH_MILLIS) {
            return known;
        }
        synchronized (this) {
            if (keys != null && System.currentTimeMillis() - loadedAt < REFRESH_MILLIS) {
                return keys;
            }
            try {
                keys = load();
            } catch (SQLException e) {
                // keep signing with the keys known; the next message tries again after the interval
                LOG.warning(() -> "DKIM keys not read again, the known ones still sign: " + e);
                if (keys == null) {
                    keys = Map.of();
                }
            }
            loadedAt = System.currentTimeMillis();
            return keys;
        }
    }

    private Map<String, SigningKey> load() throws SQLException {
        Map<String, SigningKey> loaded = new HashMap<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("select domain, selector, private_key from dkim_key"
                     + " where active and published_at is not null order by created_at desc");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String domain = rows.getString(1);
                if (!loaded.containsKey(domain)) {
                    try {
                        loaded.put(domain, SigningKey.parse(domain, rows.getString(2), rows.getBytes(3)));
                    } catch (IllegalStateException e) {
                        // one damaged key must not stop the others, nor the mail: its domain is not signed
                        LOG.severe(() -> e.getMessage() + ": " + domain + " is not signed");
                    }
                }
            }
        }
        return Map.copyOf(loaded);
    }
}
