package org.passerelle.api;

import java.time.Instant;
import java.util.List;

import org.passerelle.incident.Diagnosis;
import org.passerelle.incident.Incident;

/** An incident as the API shows it, with its timeline. */
public record IncidentView(long id, String title, String description, String intake, String raisedBy, Instant raisedAt,
                           String application, String monitorKey, String state, DiagnosisView diagnosis, String assignedActor,
                           String assignee, Instant resolvedAt, List<EventView> timeline, int version) {

    public record DiagnosisView(String area, List<String> causes) {
    }

    public record EventView(Instant at, String actor, String kind, String state, String text) {
    }

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.getId(), incident.getTitle(), incident.getDescription(), incident.getIntake().label(),
                incident.getRaisedBy(), incident.getRaisedAt(), incident.getApplication(), incident.getMonitorKey(),
                incident.getState().label(), incident.diagnosis().map(IncidentView::diagnosis).orElse(null),
                incident.getAssignedActor() == null ? null : incident.getAssignedActor().label(), incident.getAssignee(),
                incident.getResolvedAt(), incident.getTimeline().stream()
                        .map(e -> new EventView(e.at(), e.actor(), e.kind().label(), e.state().label(), e.text())).toList(),
                incident.getVersion());
    }

    private static DiagnosisView diagnosis(Diagnosis diagnosis) {
        return new DiagnosisView(diagnosis.area().label(), diagnosis.labels());
    }
}
