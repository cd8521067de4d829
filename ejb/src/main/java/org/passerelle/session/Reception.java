package org.passerelle.session;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.SessionVerdict;

/**
 * Accepts a message at the end of DATA: the spool makes it durable, and its tracking row keeps
 * the policy decisions of the session that sent it, in the same transaction.
 */
@Stateless
public class Reception {

    @EJB
    private Spool spool;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    /** @param application the sender application the client is, {@code null} for none */
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application,
                          List<SessionVerdict> verdicts) {
        QueueId id = spool.accept(session, envelope, content, application);
        em.createNativeQuery("update message set policy_verdicts = ?1 where queue_id = ?2")
                .setParameter(1, SessionVerdict.lines(verdicts))
                .setParameter(2, id.value())
                .executeUpdate();
        return id;
    }
}
