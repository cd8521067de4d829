package org.passerelle.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

import org.passerelle.spool.QueueId;

/**
 * The JMS delivery queue: it carries queue ids, the messages themselves stay in the spool.
 * Sending joins the caller's transaction, so an entry appears only if the caller commits.
 */
@Stateless
public class DeliveryQueue {

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    private JMSContext jms;

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory plainConnections;

    @Resource(lookup = "java:/jms/queue/Delivery")
    private Queue queue;

    public void enqueue(QueueId id, Duration delay) {
        jms.createProducer().setDeliveryDelay(delay.toMillis()).send(queue, id.value());
    }

    /**
     * Sends the ids, due now, in one local JMS transaction of their own (one journal sync for all),
     * never in the caller's: the outbox sweeper removes them from the outbox only after this has
     * committed, so a crash in between sends them again (the delivery bean skips a message that is
     * no longer queued) rather than depending on the recovery of an in-doubt two-resource transaction.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void enqueueNow(List<QueueId> ids) {
        try (JMSContext local = plainConnections.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSProducer producer = local.createProducer();
            ids.forEach(id -> producer.send(queue, id.value()));
            local.commit();
        }
    }
}
