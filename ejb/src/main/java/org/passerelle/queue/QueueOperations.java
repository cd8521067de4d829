package org.passerelle.queue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.passerelle.audit.AuditLog;
import org.passerelle.audit.AuditedChange;
import org.passerelle.bounce.Action;
import org.passerelle.bounce.Bounces;
import org.passerelle.bounce.RecipientOutcome;
import org.passerelle.delivery.DeliveryCrashes;
import org.passerelle.delivery.DeliveryQueue;
import org.passerelle.delivery.PausedNextHops;
import org.passerelle.directory.Requester;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.MessageRows;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.RecipientMatch;
import org.passerelle.tracking.TrackedMessage;

/**
 * What operations can do to the queue: look, retry now, hold, release, bounce, delete, one message
 * or every message a filter selects, and pause or resume a next hop; the queue's shape. Each change locks the message
 * as a delivery does, and is audited in the same transaction.
 */
@Stateless
public class QueueOperations {

    /** What can be done to one message. */
    public enum Operation { RETRY, HOLD, RELEASE, BOUNCE, DELETE }

    private static final int HEADER_LIMIT = 64 * 1024;
    private static final EnumSet<MessageState> IN_QUEUE = EnumSet.of(MessageState.QUEUED, MessageState.DEFERRED, MessageState.HELD);

    private static final int BULK_BATCH = 500;

    @Resource
    private SessionContext context;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private MessageTracking tracking;

    @EJB
    private MessageStore store;

    @EJB
    private DeliveryQueue deliveryQueue;

    @EJB
    private DeliveryCrashes crashes;

    @EJB
    private PausedNextHops pausedNextHops;

    @EJB
    private AuditLog audit;

    @EJB
    private Bounces bounces;

    private final Clock clock = Clock.systemUTC();

    public List<TrackedMessage> list(QueueFilter filter) {
        return list(filter, 0);
    }

    /** The page of the messages the filter selects that starts after {@code offset} of them, oldest first. */
    public List<TrackedMessage> list(QueueFilter filter, int offset) {
        return list(filter, offset, false);
    }

    /** @param waitingOnly only messages not yet due, which a retry would change */
    private List<TrackedMessage> list(QueueFilter filter, int offset, boolean waitingOnly) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<TrackedMessage> select = cb.createQuery(TrackedMessage.class);
        Root<TrackedMessage> message = select.from(TrackedMessage.class);
        List<Predicate> where = new ArrayList<>(List.of(selected(cb, select, message, filter)));
        if (waitingOnly) {
            where.add(cb.greaterThan(message.get("nextAttemptAt"), clock.instant()));
        }
        select.where(where.toArray(Predicate[]::new)).orderBy(cb.asc(message.get("receivedAt")));
        return em.createQuery(select).setFirstResult(offset).setMaxResults(filter.limit()).getResultList();
    }

    /**
     * The messages of the filter's first page the action applies to. A retry skips those already
     * due, so that retrying a queue longer than a page, page after page, reaches every message.
     */
    private List<TrackedMessage> applicable(Operation action, QueueFilter filter) {
        return list(filter, 0, action == Operation.RETRY).stream().filter(message -> applies(action, message)).toList();
    }

    /** How many messages the filter selects, all pages together. */
    public long count(QueueFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> select = cb.createQuery(Long.class);
        Root<TrackedMessage> message = select.from(TrackedMessage.class);
        select.select(cb.count(message)).where(selected(cb, select, message, filter));
        return em.createQuery(select).getSingleResult();
    }

    private Predicate[] selected(CriteriaBuilder cb, CriteriaQuery<?> select, Root<TrackedMessage> message, QueueFilter filter) {
        List<Predicate> where = new ArrayList<>();
        where.add(filter.state() == null ? message.get("state").in(IN_QUEUE) : cb.equal(message.get("state"), filter.state()));
        if (filter.sender() != null) {
            where.add(cb.equal(message.get("senderSearch"), filter.sender().toLowerCase(Locale.ROOT)));
        }
        if (filter.application() != null) {
            where.add(cb.equal(message.get("application"), filter.application()));
        }
        if (filter.olderThan() != null) {
            where.add(cb.lessThan(message.get("receivedAt"), clock.instant().minus(filter.olderThan())));
        }
        if (filter.recipient() != null) {
            where.add(RecipientMatch.anyRecipientIs(cb, select, message, filter.recipient()));
        }
        if (filter.recipientDomain() != null) {
            where.add(RecipientMatch.anyRecipient(cb, select, message, address -> cb.like(cb.lower(address),
                    "%@" + filter.recipientDomain().replace("%", "").replace("_", "\\_"), '\\')));
        }
        if (filter.nextHop() != null) {
            Subquery<Long> tried = select.subquery(Long.class);
            Root<DeliveryAttempt> attempt = tried.from(DeliveryAttempt.class);
            tried.select(attempt.get("id")).where(cb.equal(attempt.get("queueId"), message.get("queueId")),
                    cb.equal(attempt.get("nextHop"), NextHop.parse(filter.nextHop()).toString()));
            where.add(cb.exists(tried));
        }
        return where.toArray(Predicate[]::new);
    }

    /** The header section of a queued message, as received, with the Received header Passerelle added. */
    public String headers(String queueId) {
        TrackedMessage message = tracking.lock(queueId).orElseThrow(() -> QueueOperationRefused.noSuchMessage(queueId));
        if (message.getState().finished()) {
            throw QueueOperationRefused.noSuchMessage(queueId);
        }
        return store.read(new QueueId(queueId), content -> {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            int previous = -1;
            int b;
            // up to the blank line that ends the header section (CRLF CRLF), within the limit
            while (header.size() < HEADER_LIMIT && (b = content.read()) != -1) {
                header.write(b);
                if (b == '\n' && previous == '\n') {
                    break;
                }
                if (b != '\r') {
                    previous = b;
                }
            }
            return header.toString(StandardCharsets.UTF_8);
        });
    }

    /** {@link #apply(Operation, String, String)} for a requester who must operate the queue (operations, central). */
    public void apply(Operation action, String queueId, Requester requester) {
        requireOperator(requester);
        apply(action, queueId, requester.login());
    }

    /** {@link #applyAll(Operation, QueueFilter, String)} for a requester who must operate the queue. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int applyAll(Operation action, QueueFilter filter, Requester requester) {
        requireOperator(requester);
        return context.getBusinessObject(QueueOperations.class).applyAll(action, filter, requester.login());
    }

    /** How many of the messages the filter selects the action would apply to: what a confirmation shows. */
    public int countApplicable(Operation action, QueueFilter filter) {
        return applicable(action, filter).size();
    }

    public void pause(String nextHop, Requester requester) {
        requireOperator(requester);
        pause(nextHop, requester.login());
    }

    public void resume(String nextHop, Requester requester) {
        requireOperator(requester);
        resume(nextHop, requester.login());
    }

    private static void requireOperator(Requester requester) {
        if (!requester.operatesQueue()) {
            throw QueueOperationRefused.forbidden(requester.login() + " may not act on the queue: operations and the central service do");
        }
    }

    public void apply(Operation action, String queueId, String actor) {
        TrackedMessage message = tracking.lock(queueId).orElseThrow(() -> QueueOperationRefused.noSuchMessage(queueId));
        requireState(message, action);
        String before = describe(message);
        Instant now = clock.instant();
        QueueId id = new QueueId(queueId);
        switch (action) {
            case RETRY -> {
                message.deferUntil(now);
                deliveryQueue.wakeUp();
            }
            case HOLD -> message.hold("held by " + actor, now);
            case RELEASE -> {
                crashes.forget(id);
                message.release(now);
                deliveryQueue.wakeUp();
            }
            case BOUNCE -> {
                SmtpReply returned = SmtpReply.of(550, "5.0.0 returned to the sender by " + actor);
                List<RecipientOutcome> failed = message.pendingRecipients().stream()
                        .map(recipient -> RecipientOutcome.of(recipient, Action.FAILED, returned, null, now))
                        .toList();
                message.failPending(returned.text(), now);
                bounces.report(message, failed);
                store.delete(List.of(id));
            }
            case DELETE -> {
                message.delete(now);
                store.delete(List.of(id));
            }
        }
        audit.record(actor, "queue." + action.name().toLowerCase(Locale.ROOT), queueId, before, describe(message));
    }

    /**
     * Applies the action to every message the filter selects that it applies to; returns how many.
     * Works in batches of {@value #BULK_BATCH}, each its own transaction, so that an operation on a
     * long queue neither locks every message at once nor outlives the transaction timeout; if a
     * batch fails, the batches before it stay applied.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int applyAll(Operation action, QueueFilter filter, String actor) {
        List<String> selected = applicable(action, filter).stream().map(TrackedMessage::getQueueId).toList();
        QueueOperations transactional = context.getBusinessObject(QueueOperations.class);
        int applied = 0;
        for (int from = 0; from < selected.size(); from += BULK_BATCH) {
            applied += transactional.applyToBatch(action, selected.subList(from, Math.min(selected.size(), from + BULK_BATCH)), actor);
        }
        return applied;
    }

    /**
     * One batch of {@link #applyAll}: messages whose state has changed since they were listed are left
     * as they are. A retry, what operations do to a whole queue when a next hop comes back, is a few
     * statements per batch; the other actions go message by message.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int applyToBatch(Operation action, List<String> queueIds, String actor) {
        if (action == Operation.RETRY) {
            return retryNow(queueIds, actor);
        }
        int applied = 0;
        for (String queueId : queueIds) {
            Optional<TrackedMessage> message = tracking.lock(queueId);
            if (message.isPresent() && applies(action, message.get())) {
                apply(action, queueId, actor);
                applied++;
            }
        }
        return applied;
    }

    private int retryNow(List<String> queueIds, String actor) {
        Map<String, MessageState> retried;
        try (Connection connection = dataSource.getConnection()) {
            retried = MessageRows.makeDue(connection, queueIds, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("retrying " + queueIds.size() + " messages failed", e);
        }
        audit.recordAll(actor, "queue.retry", retried.entrySet().stream()
                .map(waiting -> new AuditedChange(waiting.getKey(), "state=" + waiting.getValue(), "state=" + waiting.getValue() + " due now"))
                .toList());
        if (!retried.isEmpty()) {
            deliveryQueue.wakeUp();
        }
        return retried.size();
    }

    public void pause(String nextHop, String actor) {
        NextHop hop = NextHop.parse(nextHop);
        if (pausedNextHops.pause(hop, actor)) {
            audit.record(actor, "next-hop.pause", hop.toString(), "running", "paused");
        }
    }

    public void resume(String nextHop, String actor) {
        NextHop hop = NextHop.parse(nextHop);
        if (pausedNextHops.resume(hop)) {
            audit.record(actor, "next-hop.resume", hop.toString(), "paused", "running");
        }
    }

    /** The queue by destination domain and age, like Postfix's qshape; at most {@code limit} domains. */
    public QueueShape shape(int limit) {
        try (Connection db = dataSource.getConnection()) {
            return QueueShape.read(db, clock.instant(), limit);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the queue's shape failed", e);
        }
    }

    public List<String> pausedNextHops() {
        return pausedNextHops.all();
    }

    /** A quarantined message leaves the quarantine only through it, which scans it again ({@code Quarantine#release}). */
    private static boolean applies(Operation action, TrackedMessage message) {
        return applies(action, message.getState()) && !(action == Operation.RELEASE && quarantined(message));
    }

    private static boolean quarantined(TrackedMessage message) {
        return message.getHoldReason() != null && message.getHoldReason().startsWith(Spool.QUARANTINE_PREFIX);
    }

    private static boolean applies(Operation action, MessageState state) {
        return switch (action) {
            case RETRY, HOLD -> state == MessageState.QUEUED || state == MessageState.DEFERRED;
            case RELEASE -> state == MessageState.HELD;
            case BOUNCE, DELETE -> IN_QUEUE.contains(state);
        };
    }

    private static void requireState(TrackedMessage message, Operation action) {
        if (action == Operation.RELEASE && quarantined(message)) {
            throw QueueOperationRefused.notApplicable("message " + message.getQueueId()
                    + " is in quarantine: release it from the quarantine, which scans it again");
        }
        if (!applies(action, message.getState())) {
            throw QueueOperationRefused.notApplicable("cannot " + action.name().toLowerCase(Locale.ROOT) + " message "
                    + message.getQueueId() + ": it is " + message.getState());
        }
    }

    private static String describe(TrackedMessage message) {
        return "state=" + message.getState() + " pending=" + message.pendingRecipients()
                + (message.getHoldReason() == null ? "" : " hold=" + message.getHoldReason());
    }
}
