package org.passerelle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import javax.sql.DataSource;

/**
 * The append-only record of administrative actions. Entries are written in the transaction of the
 * action they describe, so an action that rolls back leaves no entry; nothing updates or deletes them.
 */
@Stateless
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final Clock clock = Clock.systemUTC();

    public void record(String actor, String action, String target, String before, String after) {
        em.persist(new AuditEntry(clock.instant(), actor, action, target, before, after));
        log(actor, action, target, before, after);
    }

    /**
     * One entry per change of a bulk action, written in one JDBC batch (an entity per entry costs a
     * round trip each, the identity column's).
     */
    public void recordAll(String actor, String action, List<AuditedChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Object at = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into audit_log (at, actor, action, target, before_state,"
                     + " after_state) values (?, ?, ?, ?, ?, ?)")) {
            for (AuditedChange change : changes) {
                insert.setObject(1, at);
                insert.setString(2, actor);
                insert.setString(3, action);
                insert.setString(4, change.target());
                insert.setString(5, change.before());
                insert.setString(6, change.after());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + action + " in the audit log failed", e);
        }
        changes.forEach(change -> log(actor, action, change.target(), change.before(), change.after()));
    }

    private static void log(String actor, String action, String target, String before, String after) {
        LOG.info(() -> String.format("audit: %s %s %s: %s -> %s", actor, action, target, before, after));
    }

    /** Entries newest first; each filter is optional. */
    public List<AuditEntry> search(String actor, String action, String target, int limit) {
        return search(actor, action, target, null, null, 0, limit);
    }

    /** Entries newest first, skipping {@code offset}; each filter is optional, {@code from} inclusive, {@code to} exclusive. */
    public List<AuditEntry> search(String actor, String action, String target, Instant from, Instant to, int offset, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditEntry> select = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> entry = select.from(AuditEntry.class);
        select.where(filters(cb, entry, actor, action, target, from, to)).orderBy(cb.desc(entry.get("id")));
        return em.createQuery(select).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** How many entries the filters select. */
    public long count(String actor, String action, String target, Instant from, Instant to) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> select = cb.createQuery(Long.class);
        Root<AuditEntry> entry = select.from(AuditEntry.class);
        select.select(cb.count(entry)).where(filters(cb, entry, actor, action, target, from, to));
        return em.createQuery(select).getSingleResult();
    }

    private static Predicate[] filters(CriteriaBuilder cb, Root<AuditEntry> entry, String actor, String action, String target,
                                       Instant from, Instant to) {
        List<Predicate> filters = new ArrayList<>();
        if (actor != null) {
            filters.add(cb.equal(entry.get("actor"), actor));
        }
        if (action != null) {
            filters.add(cb.equal(entry.get("action"), action));
        }
        if (target != null) {
            filters.add(cb.equal(entry.get("target"), target));
        }
        if (from != null) {
            filters.add(cb.greaterThanOrEqualTo(entry.get("at"), from));
        }
        if (to != null) {
            filters.add(cb.lessThan(entry.get("at"), to));
        }
        return filters.toArray(Predicate[]::new);
    }
}
