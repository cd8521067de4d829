package org.passerelle.quarantine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.PlainTextNotice;
import org.passerelle.spool.Spool;

/**
 * Each night, deletes what was quarantined longer than {@code PSL_QUARANTINE_DAYS}; each morning,
 * mails operations ({@code PSL_OPERATIONS_ADDRESS}) the digest of what is in quarantine, when it
 * is not empty. Each once a day across the nodes ({@link ClusterJobs}: before, every node mailed its
 * own digest); the schedules fire every hour of a window, so that a day whose node was down or
 * died is done by the next firing. The runs are not in the timer's transaction: a period is marked
 * finished once what it did is committed.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QuarantineSchedule {

    private static final Logger LOG = Logger.getLogger(QuarantineSchedule.class.getName());

    @EJB
    private Quarantine quarantine;

    @EJB
    private Spool spool;

    @EJB
    private ClusterJobs jobs;

    private final Clock clock = Clock.systemUTC();

    @Schedule(hour = "3-23", minute = "10", persistent = false)
    public void expire() {
        jobs.once(JobPeriod.day(ClusterJob.QUARANTINE_EXPIRY, LocalDate.now()), () -> {
            int deleted = quarantine.expire();
            if (deleted > 0) {
                LOG.info(() -> "quarantine: " + deleted + " expired messages deleted");
            }
            return true;
        });
    }

    @Schedule(hour = "7-11", minute = "0", persistent = false)
    public void digest() {
        jobs.once(JobPeriod.day(ClusterJob.QUARANTINE_DIGEST, LocalDate.now()), () -> {
            List<QuarantinedMessage> messages = quarantine.all();
            if (!messages.isEmpty()) {
                send(messages);
            }
            return true;
        });
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
