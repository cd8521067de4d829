package org.passerelle.delivery;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The JMS delivery queue: its entries are wake-ups, carrying no message. PostgreSQL says what is
 * due; a wake-up only makes the delivery workers of whichever node takes it look now rather than at
 * their next scan (within a second), after an operator made messages due. It is an optimisation,
 * so it is best-effort: sent once the caller's transaction has committed, on another thread and
 * outside any transaction, so that an operator's retry or release neither waits for the broker nor
 * fails, nor is rolled back, when the broker (shared by the nodes of a cluster) is away.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());
    private static final String ANNOUNCED = DeliveryQueue.class.getName() + ".announced";

    @Resource(lookup = "java:/JmsXA")
    private ConnectionFactory factory;

    @Resource(lookup = "java:/jms/queue/Delivery")
    private Queue queue;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private OutgoingWakeUp wakeUp;

    @PostConstruct
    void create() {
        wakeUp = new OutgoingWakeUp(executor, this::send, e -> LOG.warning(() -> "no wake-up sent to the delivery queue ("
                + e + "): the delivery workers find the messages made due at their next scan, within a second"));
    }

    /** Wakes the delivery workers of some node once the caller's transaction has committed; one per transaction is enough. */
    public void wakeUp() {
        if (transactions.getResource(ANNOUNCED) == null) {
            transactions.putResource(ANNOUNCED, Boolean.TRUE);
            AfterCommit.run(transactions, wakeUp::request);
        }
    }

    // outside any transaction (an executor's thread): the pooled connection gives a plain session
    private void send() {
        try (JMSContext jms = factory.createContext()) {
            jms.createProducer().send(queue, "due");
        }
    }
}
