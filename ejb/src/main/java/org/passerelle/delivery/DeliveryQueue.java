package org.passerelle.delivery;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The JMS delivery queue: its entries are wake-ups, carrying no message. PostgreSQL says what is
 * due; a wake-up only makes the delivery workers of whichever node takes it look now rather than at
 * their next scan, after an operator made messages due. Sending joins the caller's transaction, so
 * the wake-up exists only if the change it announces was committed; one per transaction is enough.
 */
@Stateless
public class DeliveryQueue {

    private static final String SENT = DeliveryQueue.class.getName() + ".sent";

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    private JMSContext jms;

    @Resource(lookup = "java:/jms/queue/Delivery")
    private Queue queue;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public void wakeUp() {
        if (transactions.getResource(SENT) == null) {
            transactions.putResource(SENT, Boolean.TRUE);
            jms.createProducer().send(queue, "due");
        }
    }
}
