package org.passerelle.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.RecipientState;
import org.passerelle.tracking.TrackedMessage;

/**
 * Takes a queue id from the delivery queue and hands the message's pending recipients to the next
 * hop. The tracking row is locked for the attempt, so a queue id enqueued twice is delivered once;
 * a deferred message goes back on the queue after the back-off. Taking the entry off the queue and
 * recording the outcome are one transaction: a crash mid-attempt means the attempt is made again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/Delivery"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class DeliveryBean implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeliveryBean.class.getName());

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private MessageStore store;

    @EJB
    private DeliveryQueue deliveryQueue;

    private final Clock clock = Clock.systemUTC();
    private DeliverySettings settings;
    private SmtpRelayClient client;

    @PostConstruct
    void configure() {
        settings = DeliverySettings.fromServer();
        client = new SmtpRelayClient(settings.hostName());
    }

    @Override
    public void onMessage(Message entry) {
        QueueId id = queueId(entry);
        if (!lock(id)) {
            return;
        }
        TrackedMessage message = em.find(TrackedMessage.class, id.value());
        if (message.getState().finished()) {
            return;
        }
        List<String> recipients = message.pendingRecipients();
        NextHop hop = settings.nextHop();
        Instant start = clock.instant();
        DeliveryOutcome outcome = store.read(id, content -> client.deliver(hop, message.getSender(), recipients, content));
        long millis = Duration.between(start, clock.instant()).toMillis();
        for (Map.Entry<String, SmtpReply> result : outcome.replies().entrySet()) {
            record(message, hop, result.getKey(), result.getValue(), start, millis);
        }
        MessageState state = message.attempted(clock.instant());
        if (state == MessageState.DEFERRED) {
            deliveryQueue.enqueue(id, settings.minimalBackoff());
        } else {
            store.delete(id);
        }
    }

    /**
     * Locks the message's tracking row before anything of it is read, so that a second delivery of
     * the same queue id waits here and then sees the first one's outcome, not a stale state.
     */
    private boolean lock(QueueId id) {
        return !em.createNativeQuery("select queue_id from message where queue_id = ? for update")
                .setParameter(1, id.value())
                .getResultList()
                .isEmpty();
    }

    private void record(TrackedMessage message, NextHop hop, String recipient, SmtpReply reply, Instant start, long millis) {
        RecipientState outcome = reply.positive() ? RecipientState.DELIVERED
                : reply.permanent() ? RecipientState.FAILED : RecipientState.PENDING;
        message.settle(recipient, outcome, reply.toString());
        em.persist(new DeliveryAttempt(message.getQueueId(), recipient, start, hop.toString(), reply.code(),
                reply.text(), millis, outcome));
        LOG.info(() -> String.format("%s: to=<%s> relay=%s duration=%.1fs status=%s (%s)", message.getQueueId(), recipient,
                hop, millis / 1000.0, status(outcome), reply));
    }

    private static String status(RecipientState outcome) {
        return switch (outcome) {
            case DELIVERED -> "sent";
            case FAILED -> "bounced";
            case PENDING -> "deferred";
        };
    }

    private static QueueId queueId(Message entry) {
        try {
            return new QueueId(entry.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable delivery queue entry", e);
        }
    }
}
