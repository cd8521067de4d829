package org.passerelle.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.delivery.DeliveryQueue;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.tracking.TrackedMessage;

/**
 * Makes an accepted message durable: its tracking row, its content with a {@code Received:}
 * header, and its entry on the delivery queue are written in one transaction. The SMTP reply
 * {@code 250} is sent only after that transaction has committed.
 */
@Stateless
public class Spool {

    private static final int MESSAGE_ID_LIMIT = 998;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private MessageStore store;

    @EJB
    private DeliveryQueue deliveryQueue;

    private final Clock clock = Clock.systemDefaultZone();

    /** @param application the sender application the client is, {@code null} for none */
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application) {
        QueueId id = QueueId.next();
        ZonedDateTime now = ZonedDateTime.now(clock);
        byte[] received = ReceivedHeader.of(session, envelope, id, Setting.text("psl.hostname"), now);
        em.persist(new TrackedMessage(id.value(), now.toInstant(), session.listener(),
                session.client().getAddress().getHostAddress(), session.heloName(), application, envelope.senderText(),
                messageId(content).orElse(null), received.length + content.size(),
                "8BITMIME".equals(envelope.mailParameters().get("BODY")), envelope.mailParameters().containsKey("SMTPUTF8"),
                envelope.recipients().stream().map(MailAddress::toString).toList()));
        em.flush();
        try (InputStream whole = new SequenceInputStream(new ByteArrayInputStream(received), content.openStream())) {
            store.write(id, whole, received.length + content.size());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the received message failed", e);
        }
        deliveryQueue.enqueue(id, Duration.ZERO);
        return id;
    }

    private static Optional<String> messageId(MessageContent content) {
        try (InputStream in = content.openStream()) {
            return HeaderScanner.find(in, "Message-ID").map(v -> v.length() > MESSAGE_ID_LIMIT ? v.substring(0, MESSAGE_ID_LIMIT) : v);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the received message failed", e);
        }
    }
}
