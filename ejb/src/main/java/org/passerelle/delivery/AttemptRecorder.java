package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.passerelle.bounce.Action;
import org.passerelle.bounce.Bounces;
import org.passerelle.bounce.NoticePolicy;
import org.passerelle.bounce.RecipientOutcome;
import org.passerelle.metrics.GatewayMetrics.DeliveryOutcome;
import org.passerelle.metrics.GatewayMetrics;
import org.passerelle.rate.NodeRates;
import org.passerelle.report.RollupBatch;
import org.passerelle.report.RollupTable;
import org.passerelle.report.TrafficCounter;
import org.passerelle.settings.Setting;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.MessageRows;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.RecipientState;
import org.passerelle.tracking.TrackedMessage;

/**
 * Records a part of a delivery round, its messages in one transaction: each host's reply as a delivery
 * attempt, the recipients it settled, then what the {@link RetryDecision} makes of the message
 * (done, retried at its time, expired), the notices its sender is owed, and the end of the claim.
 * An attempt that crashed is counted instead (after {@code psl.delivery.crash-limit} of them the
 * claim puts the message on hold). The recipients delivered, deferred and bounced are added to the
 * monthly report's daily rollup in the same transaction, one upsert per application of the round.
 * A message whose claim lapsed and was taken by another worker is
 * left to that worker; one an operator held or removed meanwhile keeps that state.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class.getName());
    /** The length of the reply columns of the tracking tables. */
    private static final int REPLY_LIMIT = 1000;
    private static final String NO_RELAY = "none";
    /** Hibernate's hint for entities it neither snapshots nor flushes. */
    static final String READ_ONLY = "org.hibernate.readOnly";

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private MessageStore store;

    @EJB
    private Bounces bounces;

    @EJB
    private DeliveryCrashes crashes;

    @Inject
    private NodeRates rates;

    @Inject
    private GatewayMetrics metrics;

    private final Clock clock = Clock.systemUTC();
    private RetryDecision decision;

    @PostConstruct
    void configure() {
        DeliverySettings settings = DeliverySettings.fromServer();
        decision = new RetryDecision(settings.schedule(), settings.delayWarning());
    }

    /** @param claim the token of the claimed part the attempts were made under */
    public void record(String claim, List<MessageAttempt> round) {
        if (round.isEmpty()) {
            return;
        }
        // those still under the claim; read-only, since the changes are written below with JDBC
        // (Hibernate's flush cost more than the updates); the recipients joined in, not loaded one message at a time
        Map<String, TrackedMessage> messages = em.createQuery(TrackedMessage.CLAIMED, TrackedMessage.class)
                .setParameter("ids", round.stream().map(MessageAttempt::queueId).toList())
                .setParameter("token", claim)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(READ_ONLY, true)
                .getResultList().stream()
                .collect(Collectors.toMap(TrackedMessage::getQueueId, Function.identity()));
        List<HostReply> attempts = new ArrayList<>();
        List<String> attemptIds = new ArrayList<>();
        List<QueueId> finished = new ArrayList<>();
        Instant now = clock.instant();
        RollupBatch rollup = new RollupBatch(LocalDate.ofInstant(now, ZoneId.systemDefault()), Setting.text("psl.gateway"));
        for (MessageAttempt attempt : round) {
            TrackedMessage message = messages.get(attempt.queueId());
            if (message == null) {
                LOG.warning(() -> String.format("%s: the claim lapsed before the attempt was recorded; its new holder records it", attempt.queueId()));
                continue;
            }
            switch (attempt.kind()) {
                case CRASHED -> {
                    crashes.record(new QueueId(attempt.queueId()), attempt.crash());
                    message.release();
                    LOG.warning(() -> String.format("%s: delivery crashed: %s", attempt.queueId(), attempt.crash()));
                }
                case UNTRIED -> {
                    message.deferUntil(decision.untried(now));
                    message.attemptRecorded();
                }
                case TRIED -> {
                    Map<String, RecipientOutcome> outcomes = settle(message, attempt.replies(), rollup);
                    attempt.replies().forEach(reply -> attemptIds.add(attempt.queueId()));
                    attempts.addAll(attempt.replies());
                    message.attemptRecorded();
                    rates.delivered(message.getApplication());
                    if (decide(message, outcomes, now, rollup)) {
                        finished.add(new QueueId(attempt.queueId()));
                    }
                }
            }
        }
        insertAttempts(attemptIds, attempts);
        updateMessages(messages.values());
        store.delete(finished);
        addToRollup(rollup);
        // written above with JDBC: the commit need not look the read-only messages over
        em.clear();
    }

    private void addToRollup(RollupBatch rollup) {
        try (Connection connection = dataSource.getConnection()) {
            new RollupTable(connection).add(rollup.counts());
        } catch (SQLException e) {
            throw new IllegalStateException("adding the round to the traffic rollup failed", e);
        }
    }

    /** Every settling reply becomes its recipient's state; returns what the sender may hear of them. */
    private Map<String, RecipientOutcome> settle(TrackedMessage message, List<HostReply> replies, RollupBatch rollup) {
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        for (HostReply reply : replies) {
            RecipientState outcome = outcome(reply);
            LOG.info(() -> String.format("%s: to=<%s> relay=%s duration=%.1fs tls=%s status=%s (%s)", message.getQueueId(),
                    reply.recipient(), relay(reply), reply.millis() / 1000.0, reply.tlsProtocol() == null ? "none" : reply.tlsProtocol(),
                    reply.settles() ? status(outcome) : "deferred, next host", reply.reply()));
            if (!reply.settles()) {
                continue;
            }
            count(message, reply, outcome);
            Action action = switch (outcome) {
                case DELIVERED -> Action.DELIVERED;
                case FAILED -> Action.FAILED;
                case PENDING -> Action.DELAYED;
            };
            outcomes.put(reply.recipient(), RecipientOutcome.of(reply.recipient(), action, reply.reply(), reply.relay(), reply.start()));
            message.settle(reply.recipient(), outcome, fit(reply.reply().toString()));
            rollup.count(message.getApplication(), switch (outcome) {
                case DELIVERED -> TrafficCounter.DELIVERED;
                case FAILED -> TrafficCounter.BOUNCED;
                case PENDING -> TrafficCounter.DEFERRED;
            }, 1);
        }
        return outcomes;
    }

    /**
     * Counts the attempt, applies the verdict, and queues the notices it calls for.
     *
     * @return whether the message has left the queue, so that its content can go
     */
    private boolean decide(TrackedMessage message, Map<String, RecipientOutcome> outcomes, Instant now, RollupBatch rollup) {
        if (message.getState() != MessageState.QUEUED && message.getState() != MessageState.DEFERRED) {
            return false; // an operator held, bounced or deleted it during the attempt: that stands
        }
        MessageState state = message.attempted(now);
        RetryDecision.Verdict verdict = decision.decide(state, message.getAttempts(), message.getReceivedAt(), message.isDelayNotified(), now);
        if (verdict.retryAt() != null) {
            message.deferUntil(verdict.retryAt());
        } else if (verdict.expired()) {
            rollup.count(message.getApplication(), TrafficCounter.BOUNCED, message.pendingRecipients().size());
            message.failPending("4.4.7 message expired after " + message.getAttempts() + " attempts", now);
            LOG.info(() -> String.format("%s: expired after %d attempts", message.getQueueId(), message.getAttempts()));
            metrics.delivery(DeliveryOutcome.EXPIRED);
        }
        if (verdict.warnDelay()) {
            message.delayNotified();
        }
        List<RecipientOutcome> reported = decision.reported(verdict, outcomes.values(), message.getReceivedAt());
        // most attempts owe no notice: asked here first, it saves an EJB call per delivered message
        if (!NoticePolicy.notices(message, reported).isEmpty()) {
            bounces.report(message, reported);
        }
        return message.getState().finished();
    }

    /** The recipient's outcome for Prometheus; a delivery with its time since the message was accepted. */
    private void count(TrackedMessage message, HostReply reply, RecipientState outcome) {
        switch (outcome) {
            case DELIVERED -> metrics.delivered(Duration.between(message.getReceivedAt(), reply.start().plusMillis(reply.millis())));
            case FAILED -> metrics.delivery(DeliveryOutcome.BOUNCED);
            case PENDING -> metrics.delivery(DeliveryOutcome.DEFERRED);
        }
    }

    private void updateMessages(Collection<TrackedMessage> messages) {
        try (Connection connection = dataSource.getConnection()) {
            MessageRows.update(connection, messages);
        } catch (SQLException e) {
            throw new IllegalStateException("recording where the messages stand failed", e);
        }
    }

    /** The attempts of the round as rows of the tracking log, in one batch. */
    private void insertAttempts(List<String> queueIds, List<HostReply> replies) {
        if (replies.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into delivery_attempt (queue_id, recipient, attempted_at,"
                     + " next_hop, reply_code, reply_text, duration_ms, outcome, tls_protocol) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < replies.size(); i++) {
                HostReply reply = replies.get(i);
                insert.setString(1, queueIds.get(i));
                insert.setString(2, reply.recipient());
                insert.setObject(3, reply.start().atOffset(ZoneOffset.UTC));
                insert.setString(4, relay(reply));
                insert.setInt(5, reply.reply().code());
                insert.setString(6, fit(reply.reply().text()));
                insert.setLong(7, reply.millis());
                insert.setString(8, outcome(reply).name());
                insert.setString(9, reply.tlsProtocol());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording delivery attempts failed", e);
        }
    }

    private static RecipientState outcome(HostReply reply) {
        return reply.reply().positive() ? RecipientState.DELIVERED
                : reply.reply().permanent() ? RecipientState.FAILED : RecipientState.PENDING;
    }

    private static String relay(HostReply reply) {
        return reply.relay() == null ? NO_RELAY : reply.relay();
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
}
