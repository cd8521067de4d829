package org.passerelle.incident;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;

/**
 * Mails an incident's last step, through Passerelle's own queue from the null sender, to the lists
 * {@link NoticeRecipients} names: one message, each list once. Joins the caller's transaction, so
 * nobody is told of a step that did not happen.
 */
@Stateless
public class IncidentNotices {

    private static final Logger LOG = Logger.getLogger(IncidentNotices.class.getName());

    @EJB
    private Spool spool;

    private final Clock clock = Clock.systemUTC();

    public QueueId send(Incident incident, IncidentSettings settings) {
        List<IncidentEvent> timeline = incident.getTimeline();
        IncidentEvent last = timeline.get(timeline.size() - 1);
        List<MailAddress> to = NoticeRecipients.of(incident.diagnosis(), incident.getAssignedActor()).stream()
                .map(settings::listOf).distinct().toList();
        MailAddress from = settings.listOf(Actor.OPERATIONS);
        String hostname = Setting.text("psl.hostname");
        QueueId id = spool.submit(new Envelope(null, to, Map.of()),
                new HeldContent(IncidentNotice.message(incident, last, from, to, hostname, clock.instant())));
        LOG.info(() -> "incident " + incident.getId() + " " + last.kind().label() + ": notice " + id + " to " + to);
        return id;
    }
}
