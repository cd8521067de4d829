package org.passerelle.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.passerelle.delivery.DeliveryWakeUps;
import org.passerelle.greylist.GreylistHeader;
import org.passerelle.schema.Databases;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.tracking.MessageRows;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.SessionVerdict;
import org.passerelle.tracking.TrackedMessage;

/**
 * Makes a message durable: its tracking row (with the sender's DSN request), due at once, its
 * recipients and its content with a {@code Received:} header (and, for the first message of a
 * greylisted triplet, an {@code X-Greylist:} one) are written by statements sent together, in one
 * transaction, on the database alone; once that commits, a delivery worker of this node is woken
 * to claim it. For a message accepted over SMTP, the reply {@code 250} is sent only after that
 * transaction has committed.
 */
@Stateless
public class Spool {

    private static final int MESSAGE_ID_LIMIT = 998;
    /** The listener and client of a message Passerelle writes itself: it came through neither. */
    static final String LOCAL = TrackedMessage.LOCAL_LISTENER;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Inject
    private DeliveryWakeUps wakeUps;

    private final Clock clock = Clock.systemDefaultZone();

    /**
     * A message received over SMTP, in a transaction of its own (see {@link #inOwnTransaction}).
     *
     * @param application the sender application the client is, {@code null} for none
     * @param verdicts    the policy decisions of the session, kept with the message
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application,
                          List<SessionVerdict> verdicts) {
        return accept(session, envelope, content, application, verdicts, null);
    }

    /**
     * @param greylistDelay how long greylisting delayed the message, when it is the first of its
     *                      triplet to pass: it gets an {@code X-Greylist} header below {@code Received};
     *                      {@code null} otherwise
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application,
                          List<SessionVerdict> verdicts, Duration greylistDelay) {
        return accept(session, envelope, content, application, verdicts, greylistDelay, UnaryOperator.identity());
    }

    /**
     * A message one of whose recipients Passerelle answers itself, the echo address: that recipient
     * is written delivered with this reply, and nothing is delivered to it.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application,
                          List<SessionVerdict> verdicts, Duration greylistDelay, MailAddress answeredHere, String reply) {
        return accept(session, envelope, content, application, verdicts, greylistDelay,
                message -> message.answeredHere(answeredHere.toString(), reply));
    }

    /**
     * A message the content checks put in quarantine: written held, with a hold reason that starts
     * with {@value #QUARANTINE_PREFIX}, so that nothing delivers it until it is released from the
     * quarantine (after a new virus scan).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public QueueId quarantine(SmtpSession session, Envelope envelope, MessageContent content, String application,
                              List<SessionVerdict> verdicts, Duration greylistDelay, String reason) {
        return quarantine(session, envelope, content, application, verdicts, greylistDelay, reason, UnaryOperator.identity());
    }

    /** {@link #quarantine}, with more to record on its tracking row. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public QueueId quarantine(SmtpSession session, Envelope envelope, MessageContent content, String application,
                              List<SessionVerdict> verdicts, Duration greylistDelay, String reason, UnaryOperator<TrackedMessage> more) {
        return accept(session, envelope, content, application, verdicts, greylistDelay,
                message -> {
                    more.apply(message);
                    message.hold(QUARANTINE_PREFIX + reason, message.getReceivedAt());
                    return message;
                });
    }

    /** How the hold reason of a quarantined message starts. */
    public static final String QUARANTINE_PREFIX = "quarantine: ";

    /** A message received over SMTP with more to record on its tracking row (e.g. its DMARC alignment). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public QueueId accept(SmtpSession session, Envelope envelope, MessageContent content, String application,
                          List<SessionVerdict> verdicts, Duration greylistDelay, UnaryOperator<TrackedMessage> more) {
        String hostName = Setting.text("psl.hostname");
        return spool(session.listener(), session.client().getAddress().getHostAddress(), session.heloName(), application,
                envelope, content, (id, now) -> {
                    byte[] received = ReceivedHeader.of(session, envelope, id, hostName, now);
                    return greylistDelay == null ? received : concat(received, GreylistHeader.of(greylistDelay, hostName));
                },
                message -> more.apply(message.authenticatedAs(session.authenticatedUser()).decidedBy(verdicts)), true);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * Queues a message Passerelle writes itself, such as a workflow notice: tracked, stored and
     * delivered like an accepted one, with {@value #LOCAL} for its listener and client. Joins the
     * caller's transaction, so the message exists only if the caller commits.
     */
    public QueueId submit(Envelope envelope, MessageContent content) {
        return local(envelope, content, UnaryOperator.identity());
    }

    /** {@link #submit} for a notice about the message {@code original} (a delivery status notification, an echo reply), which its page links to. */
    public QueueId submitNotice(Envelope envelope, MessageContent content, QueueId original) {
        return local(envelope, content, message -> message.noticeAbout(original.value()));
    }

    /**
     * The message of a distribution list to the list's members at the time of delivery: a message of
     * its own, from the original's sender and of the original's application, which the original's
     * page links to. Joins the caller's transaction, as {@link #submit} does.
     */
    public QueueId submitExpansion(Envelope envelope, MessageContent content, QueueId original, String application) {
        return local(envelope, content, application, message -> message.noticeAbout(original.value()));
    }

    private QueueId local(Envelope envelope, MessageContent content, UnaryOperator<TrackedMessage> details) {
        return local(envelope, content, null, details);
    }

    private QueueId local(Envelope envelope, MessageContent content, String application, UnaryOperator<TrackedMessage> details) {
        return spool(LOCAL, LOCAL, null, application, envelope, content,
                (id, now) -> ReceivedHeader.local(envelope, id, Setting.text("psl.hostname"), now), details, false);
    }

    /** @param ownTransaction whether to commit the message here, or in the caller's transaction */
    private QueueId spool(String listener, String client, String heloName, String application, Envelope envelope,
                          MessageContent content, BiFunction<QueueId, ZonedDateTime, byte[]> traceHeader,
                          UnaryOperator<TrackedMessage> details, boolean ownTransaction) {
        QueueId id = QueueId.next();
        ZonedDateTime now = ZonedDateTime.now(clock);
        byte[] received = traceHeader.apply(id, now);
        long size = received.length + content.size();
        TrackedMessage message = new TrackedMessage(id.value(), now.toInstant(), listener, client, heloName, application,
                envelope.senderText(), messageId(content).orElse(null), size,
                "8BITMIME".equals(envelope.mailParameters().get("BODY")), envelope.smtpUtf8(),
                envelope.dsn(), recipients(envelope));
        details.apply(message);
        try (Connection connection = dataSource.getConnection();
             InputStream whole = new SequenceInputStream(new ByteArrayInputStream(received), content.openStream());
             PreparedStatement insert = connection.prepareStatement(MessageRows.insertStatements(message) + "; " + MessageStore.INSERT)) {
            MessageStore.bindInsert(insert, MessageRows.bindInsert(insert, 1, message), id, whole, size);
            if (ownTransaction) {
                inOwnTransaction(connection, insert);
            } else {
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("queuing message " + id + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the message to queue failed", e);
        }
        if (message.getState() == MessageState.HELD) {
            return id;
        }
        if (ownTransaction) {
            wakeUps.accepted(id);
        } else {
            wakeUps.acceptedAfterCommit(id);
        }
        return id;
    }

    /**
     * Runs the statements, all or none. PostgreSQL runs statements sent together outside a
     * transaction block as one implicit transaction, committed once they all succeeded: the
     * message costs a single round trip, its commit included. Other databases (H2, in run mode)
     * get an explicit transaction.
     */
    private static void inOwnTransaction(Connection connection, PreparedStatement statements) throws SQLException {
        if (Databases.isPostgresql(connection)) {
            statements.executeUpdate();
            return;
        }
        connection.setAutoCommit(false);
        try {
            statements.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The envelope's recipients with the NOTIFY and ORCPT given with each. */
    private static List<Recipient> recipients(Envelope envelope) {
        return IntStream.range(0, envelope.recipients().size())
                .mapToObj(i -> new Recipient(envelope.recipients().get(i).toString(), envelope.dsnOf(i)))
                .toList();
    }

    private static Optional<String> messageId(MessageContent content) {
        try (InputStream in = content.openStream()) {
            return HeaderScanner.find(in, "Message-ID").map(v -> v.length() > MESSAGE_ID_LIMIT ? v.substring(0, MESSAGE_ID_LIMIT) : v);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the received message failed", e);
        }
    }
}
