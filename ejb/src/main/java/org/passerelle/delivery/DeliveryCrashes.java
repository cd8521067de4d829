package org.passerelle.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.spool.QueueId;

/**
 * Counts the attempts that crashed (an exception, not an SMTP refusal). A crash rolls the attempt
 * back and the queue hands the message over again; counting it has to survive that rollback, so it
 * is written in a transaction of its own, in a table apart from the message row the attempt holds
 * locked.
 */
@Stateless
public class DeliveryCrashes {

    private static final int ERROR_LIMIT = 1000;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(QueueId id, Throwable crash) {
        Throwable cause = crash;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        // the container wraps what really went wrong in EJB exceptions; the innermost cause says what
        String error = cause.toString();
        error = error.length() > ERROR_LIMIT ? error.substring(0, ERROR_LIMIT) : error;
        int updated = em.createNativeQuery("update delivery_crash set crashes = crashes + 1, last_error = ?, last_crash_at = ? where queue_id = ?")
                .setParameter(1, error).setParameter(2, Instant.now()).setParameter(3, id.value())
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into delivery_crash (queue_id, crashes, last_error, last_crash_at) values (?, 1, ?, ?)")
                    .setParameter(1, id.value()).setParameter(2, error).setParameter(3, Instant.now())
                    .executeUpdate();
        }
    }

    /** How many attempts of the message crashed, and the last error, if any did. */
    public Crashes of(QueueId id) {
        List<?> rows = em.createNativeQuery("select crashes, last_error from delivery_crash where queue_id = ?")
                .setParameter(1, id.value())
                .getResultList();
        if (rows.isEmpty()) {
            return Crashes.NONE;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Crashes(((Number) row[0]).intValue(), (String) row[1]);
    }

    /** Forgets the crashes, when an operator releases the message for another try. */
    public void forget(QueueId id) {
        em.createNativeQuery("delete from delivery_crash where queue_id = ?").setParameter(1, id.value()).executeUpdate();
    }

    /** The crashes of one message. */
    public record Crashes(int count, String lastError) {
        static final Crashes NONE = new Crashes(0, null);
    }
}
