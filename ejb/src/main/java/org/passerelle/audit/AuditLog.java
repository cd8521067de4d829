package org.passerelle.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * The append-only record of administrative actions. Entries are written in the transaction of the
 * action they describe, so an action that rolls back leaves no entry; nothing updates or deletes them.
 */
@Stateless
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    private final Clock clock = Clock.systemUTC();

    public void record(String actor, String action, String target, String before, String after) {
        em.persist(new AuditEntry(clock.instant(), actor, action, target, before, after));
        LOG.info(() -> String.format("audit: %s %s %s: %s -> %s", actor, action, target, before, after));
    }

    /** Entries newest first; each filter is optional. */
    public List<AuditEntry> search(String actor, String action, String target, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditEntry> select = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> entry = select.from(AuditEntry.class);
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
        select.where(filters.toArray(Predicate[]::new)).orderBy(cb.desc(entry.get("id")));
        return em.createQuery(select).setMaxResults(limit).getResultList();
    }
}
