package org.passerelle.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;

import org.passerelle.bounce.NoticeFile;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.lists.DistributionList;
import org.passerelle.lists.DistributionLists;
import org.passerelle.lists.ListMembers;
import org.passerelle.routing.HopCounter;
import org.passerelle.routing.RouteFailure;
import org.passerelle.routing.RoutePlanner;
import org.passerelle.routing.RouteGroup;
import org.passerelle.routing.RoutePlan;
import org.passerelle.routing.Router;
import org.passerelle.routing.Unroutable;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.client.BodyType;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.SmtpClientConnectionFactory;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.TrackedMessage;

/**
 * Hands claimed messages to their next hops, outside any transaction: routes each message's
 * pending recipients and sends each group of them in one mail transaction over the SMTP connector's
 * pooled connections (reused across the messages of a batch), at the group's hosts in turn
 * ({@link HostFallback}). Records nothing: it tells the
 * {@link AttemptRecorder} what each host answered. A message that has looped through too many
 * relays fails at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageDelivery {

    private static final Logger LOG = Logger.getLogger(MessageDelivery.class.getName());
    private static final SmtpReply LIST_DEFERRED = SmtpReply.of(451, "4.3.0 Directory unavailable: the distribution list is expanded later");

    @EJB
    private MessageStore store;

    @EJB
    private Router router;

    @EJB
    private PausedNextHops pausedNextHops;

    @Inject
    private DistributionLists lists;

    @EJB
    private Spool spool;

    @Resource(lookup = "java:/smtp/NextHopConnectionFactory")
    private SmtpClientConnectionFactory nextHops;

    private final Clock clock = Clock.systemUTC();

    public List<MessageAttempt> deliver(List<TrackedMessage> batch) {
        Set<String> paused = Set.copyOf(pausedNextHops.all());
        Map<QueueId, byte[]> small = store.readWhole(batch.stream()
                .filter(message -> StoredContent.readWhole(message.getSizeBytes()))
                .map(message -> new QueueId(message.getQueueId()))
                .toList());
        HopCounter hops = router.hopCounter();
        RoutePlanner planner = router.planner();
        List<MessageAttempt> attempts = new ArrayList<>(batch.size());
        for (TrackedMessage message : batch) {
            try {
                QueueId id = new QueueId(message.getQueueId());
                attempts.add(attempt(message, StoredContent.of(store, id, small.get(id)), paused, hops, planner));
            } catch (RuntimeException e) {
                attempts.add(MessageAttempt.crashed(message.getQueueId(), e));
            }
        }
        return attempts;
    }

    private MessageAttempt attempt(TrackedMessage message, StoredContent content, Set<String> paused, HopCounter hops,
                                   RoutePlanner planner) {
        QueueId id = new QueueId(message.getQueueId());
        List<HostReply> replies = new ArrayList<>();
        Optional<RouteFailure> loop = content.read(hops::check);
        if (loop.isPresent()) {
            Instant now = clock.instant();
            message.pendingRecipients().forEach(recipient -> replies.add(HostReply.unrouted(recipient, loop.get().reply(), now)));
            return MessageAttempt.tried(message.getQueueId(), replies);
        }
        List<MailAddress> routed = new ArrayList<>();
        for (String pending : message.pendingRecipients()) {
            MailAddress recipient = MailAddress.parse(pending);
            try {
                Optional<DistributionList> list = lists.list(recipient);
                if (list.isPresent()) {
                    replies.add(expand(message, pending, list.get(), content));
                } else {
                    routed.add(recipient);
                }
            } catch (DirectoryUnavailableException e) {
                // the list is read when it goes out: without the directory, it waits like a next hop that does not answer
                replies.add(HostReply.answeredHere(pending, LIST_DEFERRED, clock.instant()));
            }
        }
        RoutePlan plan = planner.plan(routed);
        for (Unroutable recipient : plan.unroutable()) {
            replies.add(HostReply.unrouted(recipient.recipient().toString(), recipient.failure().reply(), clock.instant()));
        }
        boolean tried = !replies.isEmpty();
        for (RouteGroup group : plan.groups()) {
            List<NextHop> hosts = HostFallback.available(group.candidates(), paused);
            if (hosts.isEmpty()) {
                LOG.info(() -> String.format("%s: relay=%s paused, %d recipients wait", id, group.candidates().get(0), group.routes().size()));
                continue;
            }
            List<String> recipients = group.routes().stream().map(route -> route.recipient().toString()).toList();
            replies.addAll(HostFallback.deliver(hosts, recipients,
                    hop -> content.read(stream -> send(hop, group.tls(), transaction(message, group, stream))), clock));
            tried = true;
        }
        return tried ? MessageAttempt.tried(message.getQueueId(), replies) : MessageAttempt.untried(message.getQueueId());
    }

    /**
     * A distribution list is delivered by Passerelle itself: expanded now to its members, who get a
     * message of their own (queued, routed and tracked like any other); the list's recipient is
     * delivered with a reply naming that message, or fails when the list comes to nobody.
     */
    private HostReply expand(TrackedMessage message, String recipient, DistributionList list, StoredContent content) {
        Instant start = clock.instant();
        ListMembers.Expansion expansion = lists.expand(list);
        if (expansion.empty()) {
            LOG.info(() -> String.format("%s: to=<%s> %s has no members", message.getQueueId(), recipient, list.describe()));
            return HostReply.answeredHere(recipient, expansion.failure(), start);
        }
        String sender = message.getSender();
        Map<String, String> parameters = new HashMap<>();
        if (message.isEightBitMime()) {
            parameters.put("BODY", "8BITMIME");
        }
        if (message.isSmtpUtf8()) {
            parameters.put("SMTPUTF8", "");
        }
        Envelope envelope = new Envelope(sender.isEmpty() ? null : MailAddress.parse(sender), expansion.members(), parameters,
                message.getDsn(), Collections.nCopies(expansion.members().size(), RecipientDsn.NONE));
        try (NoticeFile copy = NoticeFile.written(out -> content.read(stored -> stored.transferTo(out)))) {
            QueueId expanded = spool.submitExpansion(envelope, copy, new QueueId(message.getQueueId()), message.getApplication());
            LOG.info(() -> String.format("%s: to=<%s> expanded to %d members: %s", message.getQueueId(), recipient,
                    expansion.members().size(), expanded));
            return HostReply.answeredHere(recipient, ListMembers.expanded(expansion, expanded.value()), start);
        } catch (IOException e) {
            throw new UncheckedIOException("copying message " + message.getQueueId() + " for its distribution list failed", e);
        }
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
}
