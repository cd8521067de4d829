package org.passerelle.hygiene;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.audit.AuditLog;
import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.JobLock;
import org.passerelle.directory.Person;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SenderApplication;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;

/**
 * One run of the hygiene reminders, in one transaction: takes the job's lock ({@link JobLock}:
 * another run going on, on request or on another node, this one is skipped), reads the last uses and
 * the reminders already sent, asks {@link Staleness} and {@link ReminderPlan} what is due for each
 * application of the directory, mails each reminder through Passerelle's own queue to the
 * application's managers and owners (and those of its entity), and records it. An application whose
 * expiry date has come is audited ({@code application.expired}) when its notice goes out: the relay
 * refuses its mail from that day on by itself.
 */
@Stateless
public class HygieneRun {

    private static final Logger LOG = Logger.getLogger(HygieneRun.class.getName());
    /** The actor of what the schedule does, in the audit log. */
    static final String SCHEDULE = "schedule";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private SecurityList securityList;

    @EJB
    private PersonDirectory people;

    @EJB
    private Spool spool;

    @EJB
    private AuditLog audit;

    /**
     * @param only the one application to look at, or every one when empty
     * @return the reminders mailed; empty when another run holds the job's lock
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<List<Reminder>> run(HygieneSettings settings, Instant now, LocalDate today, Optional<String> only) {
        List<Reminder> sent = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            if (!JobLock.take(db, ClusterJob.HYGIENE)) {
                return Optional.empty();
            }
            Map<String, Map<String, Instant>> uses = new UseTable(db).all();
            ReminderTable reminders = new ReminderTable(db);
            Map<String, Map<String, Instant>> reminded = reminders.all();
            Staleness staleness = new Staleness(settings.staleDays());
            ReminderPlan plan = new ReminderPlan(settings.staleReminderDays());
            RequestLink links = new RequestLink(settings.console());
            for (SenderApplication application : relayDirectory.fresh().applications()) {
                if (only.isPresent() && !only.get().equals(application.name())) {
                    continue;
                }
                Optional<StaleFinding> stale = staleness.of(application, uses.getOrDefault(application.name(), Map.of()), now);
                for (Reminder reminder : plan.due(application, stale, reminded.getOrDefault(application.name(), Map.of()), today, now)) {
                    mail(application, reminder, stale, settings, links, now);
                    reminders.reminded(application.name(), reminder.subject(), now);
                    sent.add(reminder);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the hygiene reminders could not read the database", e);
        }
        return Optional.of(sent);
    }

    private void mail(SenderApplication application, Reminder reminder, Optional<StaleFinding> stale, HygieneSettings settings,
                      RequestLink links, Instant now) {
        List<MailAddress> to = managersAndOwners(application);
        String outcome;
        if (to.isEmpty()) {
            outcome = "no manager or owner with a mail address";
            LOG.warning(() -> "hygiene: " + reminder.kind() + " of " + application.name() + " not mailed: " + outcome);
        } else {
            MailAddress from = MailAddress.parse(Setting.text("psl.central-service-address"));
            String hostname = Setting.text("psl.hostname");
            QueueId id = spool.submit(new Envelope(from, to, Map.of()), new HeldContent(HygieneMail.write(reminder, stale,
                    settings.staleDays(), links, from, to, now, hostname)));
            outcome = "to " + to + " as " + id;
            LOG.info(() -> "hygiene: " + reminder.kind() + " of " + application.name() + " mailed " + outcome);
        }
        if (reminder.kind() == Reminder.Kind.EXPIRED) {
            audit.record(SCHEDULE, "application.expired", application.name(), null,
                    "expired on " + reminder.expires() + ", its mail refused; notice " + outcome);
        } else {
            audit.record(SCHEDULE, "application.reminded", application.name(), null,
                    reminder.subject() + "; " + outcome);
        }
    }

    /** The first address of each manager and owner of the application and of its entity, each once. */
    private List<MailAddress> managersAndOwners(SenderApplication application) {
        Set<String> logins = new LinkedHashSet<>();
        logins.addAll(application.managers());
        logins.addAll(application.owners());
        if (application.entity() != null && securityList.exists(SecurityList.Kind.ENTITY, application.entity())) {
            for (SecurityList.Role role : SecurityList.Role.values()) {
                logins.addAll(securityList.holders(SecurityList.Kind.ENTITY, application.entity(), role));
            }
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String login : logins) {
            people.find(login).map(Person::addresses).filter(list -> !list.isEmpty())
                    .ifPresent(list -> addresses.add(list.get(0).toLowerCase(Locale.ROOT)));
        }
        return addresses.stream().map(MailAddress::parse).toList();
    }
}
