package org.passerelle.quarantine;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.passerelle.audit.AuditLog;
import org.passerelle.content.ContentChecks;
import org.passerelle.content.ContentRules;
import org.passerelle.content.ScannerFailure;
import org.passerelle.content.virus.VirusScan;
import org.passerelle.delivery.DeliveryQueue;
import org.passerelle.directory.Requester;
import org.passerelle.directory.Visibility;
import org.passerelle.queue.QueueOperationRefused;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.TrackedMessage;

/**
 * The quarantine: messages the content checks held (a virus, an attachment, a spam score, outbreak
 * mode), kept in the queue's store as held messages. List, inspect, release (scanned for viruses
 * again first, then delivered), delete, download; each action audited; {@link QuarantineRules}
 * says who may do what. Messages older than {@code PSL_QUARANTINE_DAYS} are deleted by
 * {@link QuarantineSchedule}.
 */
@Stateless
public class Quarantine {

    private static final Logger LOG = Logger.getLogger(Quarantine.class.getName());
    private static final String QUARANTINED = "select m from TrackedMessage m where m.state = :held and m.holdReason like :prefix";

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private MessageStore store;

    @Inject
    private ContentChecks checks;

    @EJB
    private DeliveryQueue deliveryQueue;

    @EJB
    private Visibility visibility;

    @EJB
    private AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    /** Newest first; owners and managers see their applications' only. */
    public List<QuarantinedMessage> list(Requester requester, String reasonContains, int offset, int limit) {
        Visibility.Scope scope = scope(requester);
        String jpql = QUARANTINED + (reasonContains == null ? "" : " and lower(m.holdReason) like :reason")
                + (requester.seesEverything() ? "" : " and m.application in :applications") + " order by m.receivedAt desc";
        TypedQuery<TrackedMessage> query = quarantined(jpql);
        if (reasonContains != null) {
            query.setParameter("reason", "%" + reasonContains.toLowerCase(java.util.Locale.ROOT).replace("%", "\\%") + "%");
        }
        if (!requester.seesEverything()) {
            if (scope.applications().isEmpty()) {
                return List.of();
            }
            query.setParameter("applications", scope.applications());
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(m -> QuarantinedMessage.of(m, days())).toList();
    }

    /** One quarantined message the requester may see. */
    public QuarantinedMessage inspect(Requester requester, String queueId) {
        QuarantinedMessage message = QuarantinedMessage.of(find(queueId), days());
        if (!QuarantineRules.sees(requester, scope(requester), message)) {
            throw QueueOperationRefused.noSuchMessage(queueId);
        }
        return message;
    }

    /** The whole message as received, for someone allowed to download it; audited. */
    public byte[] download(Requester requester, String queueId) {
        QuarantinedMessage message = inspect(requester, queueId);
        if (!QuarantineRules.downloads(requester, scope(requester), message)) {
            throw QueueOperationRefused.forbidden(requester.login() + " may not download message " + queueId
                    + (message.virus() ? ": it holds a virus" : ""));
        }
        audit.record(requester.login(), "quarantine.download", queueId, message.reason(), null);
        return content(queueId);
    }

    /** Scans the message again; clean, it leaves the quarantine and is delivered; infected, it stays, with the virus named. */
    public QuarantinedMessage release(Requester requester, String queueId) {
        requireActor(requester);
        return release(queueId, requester.login());
    }

    public void delete(Requester requester, String queueId) {
        requireActor(requester);
        TrackedMessage message = find(queueId);
        String reason = QuarantinedMessage.reason(message);
        message.delete(clock.instant());
        store.delete(List.of(new QueueId(queueId)));
        audit.record(requester.login(), "quarantine.delete", queueId, reason, "deleted");
    }

    /**
     * After outbreak mode: every message it quarantined is scanned again and released when clean.
     *
     * @return how many were released; the others stay, with the virus found
     */
    public int releaseOutbreak(String actor) {
        List<String> ids = quarantined(QUARANTINED + " and m.holdReason = :outbreak order by m.receivedAt")
                .setParameter("outbreak", Spool.QUARANTINE_PREFIX + ContentRules.OUTBREAK_REASON)
                .getResultList().stream().map(TrackedMessage::getQueueId).toList();
        int released = 0;
        for (String id : ids) {
            if (release(id, actor).reason() == null) {
                released++;
            }
        }
        int total = released;
        LOG.info(() -> String.format("quarantine: outbreak mode off, %d of %d messages released after a new scan", total, ids.size()));
        return released;
    }

    /** Deletes the messages quarantined for longer than the setting. */
    public int expire() {
        Instant cutoff = QuarantineRules.expiryCutoff(clock.instant(), days());
        List<TrackedMessage> old = quarantined(QUARANTINED + " and m.receivedAt < :cutoff").setParameter("cutoff", cutoff).getResultList();
        for (TrackedMessage message : old) {
            String reason = QuarantinedMessage.reason(message);
            message.delete(clock.instant());
            store.delete(List.of(new QueueId(message.getQueueId())));
            audit.record("passerelle", "quarantine.expire", message.getQueueId(), reason, "deleted after " + days() + " days");
        }
        return old.size();
    }

    /** Everything in quarantine now, for the digest. */
    public List<QuarantinedMessage> all() {
        return quarantined(QUARANTINED + " order by m.receivedAt desc").setMaxResults(1000).getResultList().stream()
                .map(m -> QuarantinedMessage.of(m, days())).toList();
    }

    /** @return the message as it stands: released ({@code reason} null) or still in quarantine */
    private QuarantinedMessage release(String queueId, String actor) {
        TrackedMessage message = find(queueId);
        String reason = QuarantinedMessage.reason(message);
        // with no virus scan configured (PSL_CONTENT_VIRUS_FLOWS=none, the run mode) there is nothing to scan with
        boolean scanned = !checks.settings().virusFlows().isEmpty();
        VirusScan scan;
        try {
            scan = scanned ? checks.rescan(new HeldContent(content(queueId))) : VirusScan.CLEAN;
        } catch (ScannerFailure e) {
            throw QueueOperationRefused.notApplicable("message " + queueId + " not released: its new scan failed: " + e.getMessage());
        }
        if (scan.infected()) {
            message.hold(Spool.QUARANTINE_PREFIX + QuarantineRules.VIRUS + scan.virus() + " (found again on release)", clock.instant());
            audit.record(actor, "quarantine.release", queueId, reason, "refused: " + scan.virus() + " found");
            return QuarantinedMessage.of(message, days());
        }
        message.release(clock.instant());
        audit.record(actor, "quarantine.release", queueId, reason,
                scanned ? "released after a clean scan" : "released, no virus scan configured");
        deliveryQueue.wakeUp();
        return QuarantinedMessage.released(message);
    }

    private TrackedMessage find(String queueId) {
        TrackedMessage message = em.find(TrackedMessage.class, queueId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.getState() != MessageState.HELD || message.getHoldReason() == null
                || !message.getHoldReason().startsWith(Spool.QUARANTINE_PREFIX)) {
            throw QueueOperationRefused.noSuchMessage(queueId);
        }
        return message;
    }

    private byte[] content(String queueId) {
        return store.read(new QueueId(queueId), InputStream::readAllBytes);
    }

    private TypedQuery<TrackedMessage> quarantined(String jpql) {
        return em.createQuery(jpql, TrackedMessage.class).setParameter("held", MessageState.HELD)
                .setParameter("prefix", Spool.QUARANTINE_PREFIX + "%");
    }

    private Visibility.Scope scope(Requester requester) {
        return requester.seesEverything() ? Visibility.Scope.EVERYTHING : visibility.of(requester.login());
    }

    private int days() {
        return checks.settings().quarantineDays();
    }

    private static void requireActor(Requester requester) {
        if (!QuarantineRules.acts(requester)) {
            throw QueueOperationRefused.forbidden(requester.login() + " may not release or delete quarantined messages:"
                    + " operations and the central service do");
        }
    }
}
