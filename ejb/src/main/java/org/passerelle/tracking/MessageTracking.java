package org.passerelle.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/** Reads the tracking log for the API and the console. */
@Stateless
public class MessageTracking {

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    public List<TrackedMessage> search(MessageQuery query) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<TrackedMessage> select = cb.createQuery(TrackedMessage.class);
        Root<TrackedMessage> message = select.from(TrackedMessage.class);
        List<Predicate> filters = new ArrayList<>();
        if (query.queueId() != null) {
            filters.add(cb.equal(message.get("queueId"), query.queueId()));
        }
        if (query.sender() != null) {
            filters.add(cb.equal(message.get("senderSearch"), query.sender().toLowerCase(Locale.ROOT)));
        }
        select.where(filters.toArray(Predicate[]::new)).orderBy(cb.desc(message.get("receivedAt")), cb.desc(message.get("queueId")));
        TypedQuery<TrackedMessage> typed = em.createQuery(select).setMaxResults(query.limit());
        return typed.getResultList();
    }

    /**
     * Locks the message's tracking row, then loads it: whoever changes a queued message (a delivery,
     * an operator) takes this lock first, so that each sees the other's outcome, never a stale state.
     */
    public Optional<TrackedMessage> lock(String queueId) {
        boolean exists = !em.createNativeQuery("select queue_id from message where queue_id = ? for update")
                .setParameter(1, queueId)
                .getResultList()
                .isEmpty();
        return exists ? Optional.of(em.find(TrackedMessage.class, queueId)) : Optional.empty();
    }

    public List<DeliveryAttempt> attempts(String queueId) {
        return em.createQuery("select a from DeliveryAttempt a where a.queueId = :id order by a.attemptedAt, a.id", DeliveryAttempt.class)
                .setParameter("id", queueId)
                .getResultList();
    }
}
