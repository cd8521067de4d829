package org.passerelle.delivery;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import org.passerelle.bounce.Action;
import org.passerelle.bounce.Bounces;
import org.passerelle.bounce.RecipientOutcome;
import org.passerelle.routing.RouteFailure;
import org.passerelle.routing.RouteGroup;
import org.passerelle.routing.RoutePlan;
import org.passerelle.routing.Router;
import org.passerelle.routing.Unroutable;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.BodyType;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.RecipientResult;
import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.SmtpClientConnectionFactory;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.RecipientState;
import org.passerelle.tracking.TrackedMessage;

/**
 * Takes a queue id from the delivery queue, routes the message's pending recipients and hands each
 * group to its next hop (the next candidate when every recipient is deferred at one), over the SMTP
 * connector's pooled client connections. The tracking row is locked for the attempt, so a queue id
 * enqueued twice is delivered once. A deferred message goes back on the queue after its back-off
 * ({@link RetrySchedule}) until its lifetime ends, then its pending recipients fail. Taking the
 * entry off the queue and recording the outcome are one transaction: a crash mid-attempt means the
 * attempt is made again, and after {@code psl.delivery.crash-limit} crashes the message is held with
 * its error instead. Held messages are not tried, nor paused next hops; a message that has looped
 * through too many relays fails at once.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/Delivery"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${psl.delivery.concurrency}")
})
public class DeliveryBean implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeliveryBean.class.getName());
    /** The length of the reply columns of the tracking tables. */
    private static final int REPLY_LIMIT = 1000;
    private static final String NO_RELAY = "none";

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private MessageStore store;

    @EJB
    private DeliveryQueue deliveryQueue;

    @EJB
    private MessageTracking tracking;

    @EJB
    private DeliveryCrashes crashes;

    @EJB
    private PausedNextHops pausedNextHops;

    @EJB
    private Router router;

    @EJB
    private Bounces bounces;

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
        TrackedMessage message = tracking.lock(id.value()).orElse(null);
        if (message == null || message.getState().finished() || message.getState() == MessageState.HELD) {
            return;
        }
        DeliveryCrashes.Crashes crashed = crashes.of(id);
        if (crashed.count() >= settings.crashLimit()) {
            message.hold("delivery crashed " + crashed.count() + " times: " + crashed.lastError(), clock.instant());
            LOG.warning(() -> String.format("%s: held after %d crashed attempts: %s", id, crashed.count(), crashed.lastError()));
            return;
        }
        try {
            attempt(message, id);
        } catch (RuntimeException e) {
            crashes.record(id, e);
            throw e;
        }
    }

    private void attempt(TrackedMessage message, QueueId id) {
        Map<String, RecipientOutcome> outcomes = new LinkedHashMap<>();
        Optional<RouteFailure> loop = store.read(id, content -> router.hopCounter().check(content));
        if (loop.isPresent()) {
            message.pendingRecipients()
                    .forEach(recipient -> record(message, outcomes, NO_RELAY, recipient, loop.get().reply(), null, clock.instant(), 0));
            finish(message, id, outcomes);
            return;
        }
        RoutePlan plan = router.plan(message.pendingRecipients().stream().map(MailAddress::parse).toList());
        for (Unroutable recipient : plan.unroutable()) {
            record(message, outcomes, NO_RELAY, recipient.recipient().toString(), recipient.failure().reply(), null, clock.instant(), 0);
        }
        boolean tried = !plan.unroutable().isEmpty();
        for (RouteGroup group : plan.groups()) {
            if (pausedNextHops.paused(group.candidates().get(0))) {
                LOG.info(() -> String.format("%s: relay=%s paused, %d recipients wait", id, group.candidates().get(0), group.routes().size()));
                continue;
            }
            deliver(message, id, group, outcomes);
            tried = true;
        }
        if (tried) {
            finish(message, id, outcomes);
        } else {
            reschedule(message, settings.schedule().minimalBackoff());
        }
    }

    /** One mail transaction for the group, at its next hops in turn while every recipient is deferred. */
    private void deliver(TrackedMessage message, QueueId id, RouteGroup group, Map<String, RecipientOutcome> outcomes) {
        for (int c = 0; c < group.candidates().size(); c++) {
            NextHop hop = group.candidates().get(c);
            Instant start = clock.instant();
            DeliveryResult result = store.read(id, content -> send(hop, group.tls(), transaction(message, group, content)));
            long millis = Duration.between(start, clock.instant()).toMillis();
            boolean lastCandidate = c == group.candidates().size() - 1;
            if (lastCandidate || !allDeferred(result)) {
                for (int i = 0; i < group.routes().size(); i++) {
                    record(message, outcomes, hop.toString(), group.routes().get(i).recipient().toString(),
                            result.recipients().get(i).reply(), result.tlsProtocol(), start, millis);
                }
                return;
            }
            LOG.info(() -> String.format("%s: relay=%s deferred every recipient (%s), trying the next host", id, hop,
                    result.recipients().get(0).reply()));
        }
    }

    /**
     * Counts the attempt and decides: done, tried again after the back-off, or expired; then tells
     * the sender what the attempt settled, as the recipients' DSN requests ask (a delay only once,
     * after {@code psl.delay-warning-seconds}).
     */
    private void finish(TrackedMessage message, QueueId id, Map<String, RecipientOutcome> outcomes) {
        Instant now = clock.instant();
        if (message.attempted(now) == MessageState.DEFERRED) {
            Optional<Duration> delay = settings.schedule().nextDelay(message.getAttempts(), message.getReceivedAt(), now);
            if (delay.isPresent()) {
                reschedule(message, delay.get());
                bounces.report(message, settledOrLongDelayed(message, outcomes.values(), now));
                return;
            }
            message.failPending("4.4.7 message expired after " + message.getAttempts() + " attempts", now);
            outcomes.replaceAll((recipient, outcome) -> outcome.action() == Action.DELAYED
                    ? RecipientOutcome.of(recipient, Action.FAILED, outcome.reply(), outcome.remoteMta(), outcome.lastAttempt())
                    : outcome);
            LOG.info(() -> String.format("%s: expired after %d attempts", id, message.getAttempts()));
        }
        bounces.report(message, List.copyOf(outcomes.values()));
        store.delete(id);
    }

    /** The failed and delivered recipients, and the deferred ones once, when the message has waited long enough. */
    private List<RecipientOutcome> settledOrLongDelayed(TrackedMessage message, Collection<RecipientOutcome> outcomes, Instant now) {
        Duration warning = settings.delayWarning();
        boolean warnNow = !warning.isZero() && !message.isDelayNotified()
                && !now.isBefore(message.getReceivedAt().plus(warning));
        if (warnNow) {
            message.delayNotified();
        }
        Instant until = message.getReceivedAt().plus(settings.schedule().maximalQueueLifetime());
        return outcomes.stream()
                .filter(outcome -> outcome.action() != Action.DELAYED || warnNow)
                .map(outcome -> outcome.action() == Action.DELAYED ? outcome.retriedUntil(until) : outcome)
                .toList();
    }

    private void reschedule(TrackedMessage message, Duration delay) {
        message.deferUntil(clock.instant().plus(delay));
        deliveryQueue.enqueue(new QueueId(message.getQueueId()), delay);
    }

    private static boolean allDeferred(DeliveryResult result) {
        return result.recipients().stream().map(RecipientResult::reply).noneMatch(reply -> reply.positive() || reply.permanent());
    }

    /** The group's recipients as routed (perhaps rewritten), each with the DSN request it came with. */
    private static MailTransaction transaction(TrackedMessage message, RouteGroup group, InputStream content) {
        String sender = message.getSender();
        MailTransaction transaction = MailTransaction.of(sender.isEmpty() ? null : MailAddress.parse(sender),
                        group.routes().stream()
                                .map(route -> NextHopDsn.recipient(route.deliverTo(), message.recipientDsn(route.recipient().toString())))
                                .toList(),
                        content, message.getSizeBytes())
                .withBody(message.isEightBitMime() ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT, message.isSmtpUtf8());
        return NextHopDsn.withMessageDsn(transaction, message.getDsn());
    }

    /**
     * The connector answers for every recipient; only a container that gives no connection is left to
     * answer here. A group without a TLS policy of its own gets the connector's default.
     */
    private DeliveryResult send(NextHop hop, TlsPolicy tls, MailTransaction transaction) {
        try (SmtpClientConnection smtp = nextHops.getConnection()) {
            return tls == null ? smtp.deliver(hop, transaction) : smtp.deliver(hop, transaction, tls);
        } catch (ResourceException e) {
            return DeliveryResult.sameForAll(transaction, SmtpReply.of(451, "4.3.0 no SMTP client connection: " + e.getMessage()));
        }
    }

    private void record(TrackedMessage message, Map<String, RecipientOutcome> outcomes, String relay, String recipient,
                        SmtpReply reply, String tlsProtocol, Instant start, long millis) {
        RecipientState outcome = reply.positive() ? RecipientState.DELIVERED
                : reply.permanent() ? RecipientState.FAILED : RecipientState.PENDING;
        Action action = switch (outcome) {
            case DELIVERED -> Action.DELIVERED;
            case FAILED -> Action.FAILED;
            case PENDING -> Action.DELAYED;
        };
        outcomes.put(recipient, RecipientOutcome.of(recipient, action, reply, relay.equals(NO_RELAY) ? null : relay, start));
        message.settle(recipient, outcome, fit(reply.toString()));
        em.persist(new DeliveryAttempt(message.getQueueId(), recipient, start, relay, reply.code(),
                fit(reply.text()), millis, outcome, tlsProtocol));
        LOG.info(() -> String.format("%s: to=<%s> relay=%s duration=%.1fs tls=%s status=%s (%s)", message.getQueueId(),
                recipient, relay, millis / 1000.0, tlsProtocol == null ? "none" : tlsProtocol, status(outcome), reply));
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
