package org.passerelle.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.passerelle.directory.Requester;
import org.passerelle.directory.Visibility;

/**
 * Reads the tracking log for the API and the console. A requester without a role (a manager or
 * owner) sees only the messages of the applications the security list gives them.
 */
@Stateless
public class MessageTracking {

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private Visibility visibility;

    public List<TrackedMessage> search(MessageQuery query) {
        return search(query, null);
    }

    /** The messages the query selects among those the requester may see. */
    public List<TrackedMessage> search(Requester requester, MessageQuery query) {
        if (requester.seesEverything()) {
            return search(query, null);
        }
        Set<String> applications = visibility.of(requester.login()).applications();
        return applications.isEmpty() ? List.of() : search(query, applications);
    }

    /** The message, if there is one with that queue id that the requester may see. */
    public Optional<TrackedMessage> find(Requester requester, String queueId) {
        return search(requester, new MessageQuery(queueId, null, 1)).stream().findFirst();
    }

    /** How many messages the query selects among those the requester may see, all pages together. */
    public long count(Requester requester, MessageQuery query) {
        Set<String> applications = requester.seesEverything() ? null : visibility.of(requester.login()).applications();
        if (applications != null && applications.isEmpty()) {
            return 0;
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> select = cb.createQuery(Long.class);
        Root<TrackedMessage> message = select.from(TrackedMessage.class);
        select.select(cb.count(message)).where(selected(cb, select, message, query, applications));
        return em.createQuery(select).getSingleResult();
    }

    private List<TrackedMessage> search(MessageQuery query, Set<String> applications) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<TrackedMessage> select = cb.createQuery(TrackedMessage.class);
        Root<TrackedMessage> message = select.from(TrackedMessage.class);
        MessageOrder order = query.order();
        Path<Object> key = message.get(order.key().attribute());
        Path<Object> queueId = message.get("queueId");
        select.where(selected(cb, select, message, query, applications))
                .orderBy(order.ascending() ? cb.asc(key) : cb.desc(key), order.ascending() ? cb.asc(queueId) : cb.desc(queueId));
        return em.createQuery(select).setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList();
    }

    /** @param applications the applications whose messages may be seen, {@code null} for all */
    private static Predicate[] selected(CriteriaBuilder cb, CriteriaQuery<?> select, Root<TrackedMessage> message, MessageQuery query,
                                        Set<String> applications) {
        List<Predicate> filters = new ArrayList<>();
        if (query.queueId() != null) {
            filters.add(cb.equal(message.get("queueId"), query.queueId()));
        }
        if (query.sender() != null) {
            filters.add(cb.equal(message.get("senderSearch"), query.sender().toLowerCase(Locale.ROOT)));
        }
        if (query.messageId() != null) {
            String bare = query.messageId().trim().replaceAll("^<|>$", "");
            filters.add(message.get("messageId").in(bare, "<" + bare + ">"));
        }
        if (query.application() != null) {
            filters.add(cb.equal(message.get("application"), query.application()));
        }
        if (query.clientAddress() != null) {
            filters.add(cb.equal(message.get("clientAddress"), query.clientAddress().trim()));
        }
        if (query.state() != null) {
            filters.add(cb.equal(message.get("state"), query.state()));
        }
        if (query.from() != null) {
            filters.add(cb.greaterThanOrEqualTo(message.get("receivedAt"), query.from()));
        }
        if (query.to() != null) {
            filters.add(cb.lessThan(message.get("receivedAt"), query.to()));
        }
        if (query.recipient() != null) {
            filters.add(RecipientMatch.anyRecipientIs(cb, select, message, query.recipient()));
        }
        if (applications != null) {
            filters.add(message.get("application").in(applications));
        }
        return filters.toArray(Predicate[]::new);
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

    /** The notices (DSNs) Passerelle sent about the message, oldest first. */
    public List<TrackedMessage> notices(String queueId) {
        return em.createQuery("select m from TrackedMessage m where m.noticeOf = :id order by m.receivedAt, m.queueId", TrackedMessage.class)
                .setParameter("id", queueId)
                .getResultList();
    }

    public List<DeliveryAttempt> attempts(String queueId) {
        return em.createQuery("select a from DeliveryAttempt a where a.queueId = :id order by a.attemptedAt, a.id", DeliveryAttempt.class)
                .setParameter("id", queueId)
                .getResultList();
    }
}
