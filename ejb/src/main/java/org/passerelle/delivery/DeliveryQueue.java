package org.passerelle.delivery;

import java.time.Duration;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
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

    @Resource(lookup = "java:/jms/queue/Delivery")
    private Queue queue;

    public void enqueue(QueueId id, Duration delay) {
        jms.createProducer().setDeliveryDelay(delay.toMillis()).send(queue, id.value());
    }
}
