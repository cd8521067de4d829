package org.passerelle.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An incident: what happened, how it came in, its diagnosis, who is assigned, its state and its
 * timeline. Every change goes through {@link IncidentRules} and adds an {@link IncidentEvent}. A
 * monitor's incident carries the monitor's key; {@code open_key} holds it too while the incident is
 * active, and is unique, so that the database itself refuses a second active incident of one condition.
 */
@Entity
@Table(name = "incident")
public class Incident {

    static final int TITLE_LIMIT = 200;
    static final int TEXT_LIMIT = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "title", nullable = false, length = TITLE_LIMIT)
    private String title;

    @Column(name = "description", length = TEXT_LIMIT)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "intake", nullable = false, updatable = false, length = 16)
    private Intake intake;

    @Column(name = "raised_by", nullable = false, updatable = false, length = 255)
    private String raisedBy;

    @Column(name = "raised_at", nullable = false, updatable = false)
    private Instant raisedAt;

    /** The sender application it is about, if any: its managers and owners see it. */
    @Column(name = "application", updatable = false, length = 64)
    private String application;

    @Column(name = "monitor_key", updatable = false, length = 300)
    private String monitorKey;

    @Column(name = "open_key", length = 300)
    private String openKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private IncidentState state;

    @Column(name = "causes", length = 200)
    private String causes;

    @Enumerated(EnumType.STRING)
    @Column(name = "assigned_actor", length = 32)
    private Actor assignedActor;

    @Column(name = "assignee", length = 255)
    private String assignee;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "incident_event", joinColumns = @JoinColumn(name = "incident_id"))
    @OrderColumn(name = "position")
    private List<IncidentEvent> timeline = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    protected Incident() {
    }

    Incident(String title, String description, Intake intake, String raisedBy, Instant at, String application, String monitorKey) {
        this.title = title;
        this.description = description;
        this.intake = intake;
        this.raisedBy = raisedBy;
        this.raisedAt = at;
        this.application = application;
        this.monitorKey = monitorKey;
        this.openKey = monitorKey;
        this.state = IncidentState.OPEN;
        timeline.add(new IncidentEvent(at, raisedBy, IncidentEvent.Kind.RAISED, state, description));
    }

    /** @throws IncidentRefused when the process does not lead there ({@link IncidentRules#checkMove}) */
    void moveTo(IncidentState next, String actor, Instant at, String comment) {
        IncidentRules.checkMove(id, state, next, causes != null, assignedActor != null);
        state = next;
        openKey = next.active() ? monitorKey : null;
        if (next == IncidentState.RESOLVED) {
            resolvedAt = at;
        }
        timeline.add(new IncidentEvent(at, actor, IncidentEvent.Kind.STATE, next, comment));
    }

    void diagnose(Diagnosis diagnosis, String actor, Instant at, String comment) {
        IncidentRules.checkDiagnosis(id, state);
        causes = diagnosis.stored();
        timeline.add(new IncidentEvent(at, actor, IncidentEvent.Kind.DIAGNOSIS, state, joined(diagnosis.toString(), comment)));
    }

    void assign(Actor actor, String person, String by, Instant at, String comment) {
        IncidentRules.checkAssignment(id, state);
        assignedActor = actor;
        assignee = person;
        timeline.add(new IncidentEvent(at, by, IncidentEvent.Kind.ASSIGNMENT, state,
                joined(actor.label() + (person == null ? "" : " (" + person + ")"), comment)));
    }

    void comment(String actor, Instant at, String comment) {
        IncidentRules.checkComment(id, state);
        timeline.add(new IncidentEvent(at, actor, IncidentEvent.Kind.COMMENT, state, comment));
    }

    private static String joined(String change, String comment) {
        return comment == null || comment.isBlank() ? change : change + ": " + comment;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public Intake getIntake() {
        return intake;
    }

    public String getRaisedBy() {
        return raisedBy;
    }

    public Instant getRaisedAt() {
        return raisedAt;
    }

    public String getApplication() {
        return application;
    }

    public String getMonitorKey() {
        return monitorKey;
    }

    /** The monitor key while the incident is active, else {@code null}. */
    String openKey() {
        return openKey;
    }

    public IncidentState getState() {
        return state;
    }

    public Optional<Diagnosis> diagnosis() {
        return Diagnosis.stored(causes);
    }

    public Actor getAssignedActor() {
        return assignedActor;
    }

    public String getAssignee() {
        return assignee;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public List<IncidentEvent> getTimeline() {
        return List.copyOf(timeline);
    }

    public int getVersion() {
        return version;
    }
}
