package org.passerelle.bounce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.TrackedMessage;

/**
 * Tells a message's sender what became of its recipients: writes the delivery status
 * notifications that {@link NoticePolicy} finds due and hands each to the spool as a new message
 * from the null sender to the original sender, so it is queued, tracked and delivered like any
 * other, and nothing ever answers it.
 */
@Stateless
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class.getName());

    @EJB
    private Spool spool;

    @EJB
    private MessageStore store;

    private final Clock clock = Clock.systemDefaultZone();

    /**
     * Queues the notices these outcomes call for: at most one failure, one delay and one success
     * notice, each listing every recipient it reports on. Reads the message's stored content, so it
     * must be called before that content is deleted; joins the caller's transaction, so the
     * notices exist only if the caller commits.
     *
     * @return the queue ids of the notices, in that order; empty when none is due
     */
    public List<QueueId> report(TrackedMessage message, List<RecipientOutcome> outcomes) {
        List<QueueId> queued = new ArrayList<>();
        for (Notice notice : NoticePolicy.notices(message, outcomes)) {
            QueueId id = queue(message, notice);
            LOG.info(() -> String.format("%s: sender %s: %s", message.getQueueId(), notice.kind().logName(), id));
            queued.add(id);
        }
        return queued;
    }

    private QueueId queue(TrackedMessage message, Notice notice) {
        QueueId original = new QueueId(message.getQueueId());
        boolean eightBit = store.read(original, notice.returned()::hasEightBit);
        DsnWriter writer = new DsnWriter(Setting.text("psl.hostname"));
        ZonedDateTime now = ZonedDateTime.now(clock);
        try (NoticeFile file = store.read(original, content -> NoticeFile.written(
                out -> writer.write(message, notice, content, eightBit, now, out)))) {
            return spool.submitNotice(envelope(message, eightBit), file, original);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a notice about " + original + " failed", e);
        }
    }

    /** From the null sender to the message's sender, with the body and header types the notice needs. */
    private static Envelope envelope(TrackedMessage message, boolean eightBit) {
        Map<String, String> parameters = new HashMap<>();
        if (eightBit) {
            parameters.put("BODY", "8BITMIME");
        }
        if (message.isSmtpUtf8()) {
            parameters.put("SMTPUTF8", "");
        }
        return new Envelope(null, List.of(MailAddress.parse(message.getSender())), parameters);
    }
}
