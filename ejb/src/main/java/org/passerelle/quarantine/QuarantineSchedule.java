package org.passerelle.quarantine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.PlainTextNotice;
import org.passerelle.spool.Spool;

/**
 * Each night, deletes what was quarantined longer than {@code PSL_QUARANTINE_DAYS}; each morning,
 * mails operations ({@code PSL_OPERATIONS_ADDRESS}) the digest of what is in quarantine, when it
 * is not empty.
 */
@Singleton
public class QuarantineSchedule {

    private static final Logger LOG = Logger.getLogger(QuarantineSchedule.class.getName());

    @EJB
    private Quarantine quarantine;

    @EJB
    private Spool spool;

    private final Clock clock = Clock.systemUTC();

    @Schedule(hour = "3", minute = "10", persistent = false)
    public void expire() {
        int deleted = quarantine.expire();
        if (deleted > 0) {
            LOG.info(() -> "quarantine: " + deleted + " expired messages deleted");
        }
    }

    @Schedule(hour = "7", minute = "0", persistent = false)
    public void digest() {
        List<QuarantinedMessage> messages = quarantine.all();
        if (!messages.isEmpty()) {
            send(messages);
        }
    }

    /** The digest of these messages, mailed to operations now. */
    void send(List<QuarantinedMessage> messages) {
        String hostname = Setting.text("psl.hostname");
        MailAddress operations = MailAddress.parse(Setting.text("psl.operations-address"));
        Instant now = clock.instant();
        byte[] mail = new PlainTextNotice("Passerelle quarantine", operations, List.of(operations),
                QuarantineDigest.subject(messages, hostname), now, "quarantine-digest", QuarantineDigest.body(messages, now)).write(hostname);
        spool.submit(new Envelope(null, List.of(operations), Map.of()), new HeldContent(mail));
    }
}
