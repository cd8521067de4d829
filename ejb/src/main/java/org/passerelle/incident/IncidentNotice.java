package org.passerelle.incident;

import java.time.Instant;
import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.PlainTextNotice;

/** The plain-text mail telling the actors' lists of an incident's last step: what happened, where it stands, what came before. */
final class IncidentNotice {

    private IncidentNotice() {
    }

    static String subject(Incident incident, IncidentEvent last) {
        return "[Passerelle incident " + incident.getId() + "] " + incident.getState().label() + ": " + incident.getTitle()
                + (last.kind() == IncidentEvent.Kind.RAISED ? "" : " (" + last.kind().label() + " by " + last.actor() + ")");
    }

    static String body(Incident incident, IncidentEvent last, String hostname) {
        StringBuilder text = new StringBuilder();
        text.append("Incident ").append(incident.getId()).append(": ").append(incident.getTitle()).append("\n\n");
        text.append("State:       ").append(incident.getState().label()).append("\n");
        text.append("Raised:      ").append(incident.getRaisedAt()).append(" by ").append(incident.getRaisedBy())
                .append(" (").append(incident.getIntake().label()).append(")\n");
        if (incident.getApplication() != null) {
            text.append("Application: ").append(incident.getApplication()).append("\n");
        }
        text.append("Diagnosis:   ").append(incident.diagnosis().map(Diagnosis::toString).orElse("none yet")).append("\n");
        text.append("Assigned:    ").append(incident.getAssignedActor() == null ? "nobody yet"
                : incident.getAssignedActor().label() + (incident.getAssignee() == null ? "" : " (" + incident.getAssignee() + ")"))
                .append("\n");
        text.append("Gateway:     ").append(hostname).append("\n\n");
        if (incident.getDescription() != null && !incident.getDescription().isBlank()) {
            text.append(incident.getDescription()).append("\n\n");
        }
        text.append("Timeline:\n");
        for (IncidentEvent event : incident.getTimeline()) {
            text.append("  ").append(event.at()).append("  ").append(event.kind().label()).append(" by ").append(event.actor())
                    .append(" -> ").append(event.state().label());
            if (event.text() != null && !event.text().isBlank() && event.kind() != IncidentEvent.Kind.RAISED) {
                text.append(": ").append(event.text());
            }
            text.append("\n");
        }
        text.append("\nThe incident: GET /api/v1/incidents/").append(incident.getId())
                .append(", or the console's Incidents page (docs/incidents.md).\n");
        return text.toString();
    }

    static byte[] message(Incident incident, IncidentEvent last, MailAddress from, List<MailAddress> to, String hostname, Instant at) {
        return new PlainTextNotice("Passerelle incidents", from, to, subject(incident, last), at, "incident-" + incident.getId(),
                body(incident, last, hostname)).write(hostname);
    }
}
