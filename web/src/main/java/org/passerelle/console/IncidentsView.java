package org.passerelle.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.incident.Actor;
import org.passerelle.incident.Cause;
import org.passerelle.incident.Diagnosis;
import org.passerelle.incident.Incident;
import org.passerelle.incident.IncidentFilter;
import org.passerelle.incident.IncidentRules;
import org.passerelle.incident.IncidentState;
import org.passerelle.incident.Incidents;
import org.passerelle.refusal.Refusal;

/**
 * The incidents the requester may see (docs/incidents.md), a form to raise one, and one incident
 * with its timeline and its steps: move on, diagnose, assign, comment. {@link Incidents} decides who
 * may do what; this page only hides the forms a person could not use.
 */
@Named
@ViewScoped
public class IncidentsView implements Serializable {

    @EJB
    private Incidents incidents;

    @Inject
    private ConsoleUser user;

    private IncidentState state;
    private List<Incident> list;
    private Long id;
    private Incident selected;
    private String title;
    private String description;
    private String application;
    private String next;
    private List<String> causes = new ArrayList<>();
    private String actor;
    private String assignee;
    private String comment;

    public List<Incident> getList() {
        if (list == null) {
            list = incidents.list(user.requester(), new IncidentFilter(state, null, IncidentFilter.MAXIMAL_LIMIT, 0));
        }
        return list;
    }

    public void filter() {
        list = null;
    }

    /** Loads the incident named by the page's {@code id} parameter. */
    public void load() {
        if (id == null) {
            return;
        }
        try {
            selected = incidents.find(user.requester(), id);
            causes = new ArrayList<>(selected.diagnosis().map(Diagnosis::labels).orElse(List.of()));
            actor = selected.getAssignedActor() == null ? null : selected.getAssignedActor().label();
            assignee = selected.getAssignee();
        } catch (Refusal e) {
            Texts.error(null, e.getMessage());
        }
    }

    public String raise() {
        try {
            Incident raised = incidents.raise(user.requester(), title, description, application);
            return "/incident.xhtml?faces-redirect=true&id=" + raised.getId();
        } catch (Refusal e) {
            Texts.error(fieldId("raise", e.field()), e.getMessage());
            return null;
        }
    }

    public void move() {
        step(() -> incidents.move(user.requester(), selected.getId(), next == null ? null : IncidentState.of(next), comment),
                "incident.done.moved");
    }

    public void diagnose() {
        step(() -> incidents.diagnose(user.requester(), selected.getId(), Diagnosis.of(causes), comment), "incident.done.diagnosed");
    }

    public void assign() {
        step(() -> incidents.assign(user.requester(), selected.getId(), actor == null ? null : Actor.of(actor), assignee, comment),
                "incident.done.assigned");
    }

    public void addComment() {
        step(() -> incidents.comment(user.requester(), selected.getId(), comment), "incident.done.commented");
    }

    private void step(Step step, String done) {
        try {
            selected = step.run();
            comment = null;
            next = null;
            Texts.info(Texts.get(done, selected.getId()));
        } catch (Refusal e) {
            Texts.error(fieldId("act", e.field()), e.getMessage());
            selected = incidents.find(user.requester(), selected.getId());
        }
    }

    private interface Step {
        Incident run();
    }

    // The form field a refusal names, so that the message shows next to it.
    private static String fieldId(String form, String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "title", "description", "application", "comment", "causes", "actor", "assignee" -> form + ":" + field;
            case "state" -> form + ":next";
            default -> null;
        };
    }

    public boolean isHandles() {
        return selected != null && IncidentRules.handles(user.requester());
    }

    public boolean isComments() {
        return selected != null && IncidentRules.raises(user.requester()) && selected.getState() != IncidentState.CLOSED;
    }

    public boolean isRaises() {
        return IncidentRules.raises(user.requester());
    }

    /** The states the selected incident may move to. */
    public List<String> getNextStates() {
        return selected == null ? List.of() : IncidentRules.next(selected.getState()).stream().sorted().map(IncidentState::label).toList();
    }

    public IncidentState[] getStates() {
        return IncidentState.values();
    }

    public List<String> getCauseLabels() {
        return Arrays.stream(Cause.values()).map(Cause::label).toList();
    }

    public List<String> getActors() {
        return Arrays.stream(Actor.values()).map(Actor::label).toList();
    }

    public String assignedOf(Incident incident) {
        if (incident.getAssignedActor() == null) {
            return "";
        }
        return incident.getAssignedActor().label() + (incident.getAssignee() == null ? "" : " (" + incident.getAssignee() + ")");
    }

    public String diagnosisOf(Incident incident) {
        return incident.diagnosis().map(Diagnosis::toString).orElse("");
    }

    public IncidentState getState() { return state; }
    public void setState(IncidentState state) { this.state = state; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Incident getSelected() { return selected; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getNext() { return next; }
    public void setNext(String next) { this.next = next; }
    public List<String> getCauses() { return causes; }
    public void setCauses(List<String> causes) { this.causes = causes; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getAssignee() { return assignee; }
    public void setAssignee(String assignee) { this.assignee = assignee; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
