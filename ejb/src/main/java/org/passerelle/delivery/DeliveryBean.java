package org.passerelle.delivery;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.resource.ResourceException;

import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.BodyType;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.SmtpClientConnectionFactory;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.RecipientState;
import org.passerelle.tracking.TrackedMessage;

/**
 * Takes a queue id from the delivery queue and hands the message's pending recipients to the next
 * hop, over the SMTP connector's pooled client connections. The tracking row is locked for the attempt, so a queue id enqueued twice is delivered once;
 * a deferred message goes back on the queue after the back-off. Taking the entry off the queue and
 * recording the outcome are one transaction: a crash mid-attempt means the attempt is made again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/Delivery"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class DeliveryBean implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeliveryBean.class.getName());
    /** The length of the reply columns of the tracking tables. */
    private static final int REPLY_LIMIT = 1000;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private MessageStore store;

    @EJB
    private DeliveryQueue deliveryQueue;

    @Resource(lookup = "java:/smtp/NextHopConnectionFactory")
    private SmtpClientConnectionFactory nextHops;

    private final Clock clock = Clock.systemUTC();
    private DeliverySettings settings;

    @PostConstruct
    void configure() {
        settings = DeliverySettings.fromServer();
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
        DeliveryResult result = store.read(id, content -> deliver(hop, transaction(message, recipients, content)));
        long millis = Duration.between(start, clock.instant()).toMillis();
        for (int i = 0; i < recipients.size(); i++) {
            record(message, hop, recipients.get(i), result.recipients().get(i).reply(), result.tlsProtocol(), start, millis);
        }
        MessageState state = message.attempted(clock.instant());
        if (state == MessageState.DEFERRED) {
            deliveryQueue.enqueue(id, settings.minimalBackoff());
        } else {
            store.delete(id);
        }
    }

    private static MailTransaction transaction(TrackedMessage message, List<String> recipients, InputStream content) {
        String sender = message.getSender();
        MailTransaction transaction = MailTransaction.of(sender.isEmpty() ? null : MailAddress.parse(sender),
                        recipients.stream().map(r -> NextHopDsn.recipient(MailAddress.parse(r), message.recipientDsn(r))).toList(),
                        content, message.getSizeBytes())
                .withBody(message.isEightBitMime() ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT, message.isSmtpUtf8());
        return NextHopDsn.withMessageDsn(transaction, message.getDsn());
    }

    /** The connector answers for every recipient; only a container that gives no connection is left to answer here. */
    private DeliveryResult deliver(NextHop hop, MailTransaction transaction) {
        try (SmtpClientConnection smtp = nextHops.getConnection()) {
            return smtp.deliver(hop, transaction);
        } catch (ResourceException e) {
            return DeliveryResult.sameForAll(transaction, SmtpReply.of(451, "4.3.0 no SMTP client connection: " + e.getMessage()));
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

    private void record(TrackedMessage message, NextHop hop, String recipient, SmtpReply reply, String tlsProtocol,
                        Instant start, long millis) {
        RecipientState outcome = reply.positive() ? RecipientState.DELIVERED
                : reply.permanent() ? RecipientState.FAILED : RecipientState.PENDING;
        message.settle(recipient, outcome, fit(reply.toString()));
        em.persist(new DeliveryAttempt(message.getQueueId(), recipient, start, hop.toString(), reply.code(),
                fit(reply.text()), millis, outcome, tlsProtocol));
        LOG.info(() -> String.format("%s: to=<%s> relay=%s duration=%.1fs tls=%s status=%s (%s)", message.getQueueId(),
                recipient, hop, millis / 1000.0, tlsProtocol == null ? "none" : tlsProtocol, status(outcome), reply));
    }

    private static String fit(String reply) {
        return reply.length() > REPLY_LIMIT ? reply.substring(0, REPLY_LIMIT) : reply;
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
