package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.spool.QueueId;
import org.passerelle.tracking.TrackedMessage;

/**
 * Claims due messages for a delivery worker ({@link DueMessages}) in a short transaction of its own,
 * the delivery itself running outside it; holds those whose deliveries kept crashing, with their
 * last error.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryClaims {

    private static final Logger LOG = Logger.getLogger(DeliveryClaims.class.getName());

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private DeliveryCrashes crashes;

    private final Clock clock = Clock.systemUTC();

    /**
     * The {@code wanted} messages that are due, claimed with {@code token}, in parts of {@code part}
     * messages, returned detached with their recipients for the delivery to read.
     */
    public List<ClaimedPart> claim(String token, DueMessages.Wanted wanted, Duration lease, int crashLimit, int part) {
        Instant now = clock.instant();
        DueMessages.Claim claim;
        try (Connection connection = dataSource.getConnection()) {
            claim = DueMessages.claim(connection, token, now, lease, wanted, crashLimit, part);
        } catch (SQLException e) {
            throw new IllegalStateException("claiming due messages failed", e);
        }
        claim.crashedTooOften().forEach(queueId -> hold(em.find(TrackedMessage.class, queueId), now));
        List<ClaimedPart> parts = claim.parts().stream()
                .map(claimed -> new ClaimedPart(claimed.token(), em.createQuery(TrackedMessage.CLAIMED + " order by m.nextAttemptAt", TrackedMessage.class)
                        .setParameter("ids", claimed.queueIds())
                        .setParameter("token", claimed.token())
                        .setHint(AttemptRecorder.READ_ONLY, true)
                        .getResultList()))
                .toList();
        // returned for reading: the commit need not look them over (a tenth of a delivery round's CPU)
        em.clear();
        return parts;
    }

    /** Ends the claims this node made before it (re)started. */
    public int dropClaimsOf(String tokenPrefix) {
        try (Connection connection = dataSource.getConnection()) {
            return DueMessages.dropClaims(connection, tokenPrefix);
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the claims of " + tokenPrefix + " failed", e);
        }
    }

    private void hold(TrackedMessage message, Instant now) {
        DeliveryCrashes.Crashes crashed = crashes.of(new QueueId(message.getQueueId()));
        String error = crashed.lastError() == null ? "its delivery never finished (the node stopped)" : crashed.lastError();
        message.hold("delivery crashed " + message.getClaims() + " times: " + error, now);
        LOG.warning(() -> String.format("%s: held after %d crashed attempts: %s", message.getQueueId(), message.getClaims(), error));
    }
}
