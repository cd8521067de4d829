package org.passerelle.console;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.faces.context.FacesContext;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.directory.SenderApplication;
import org.passerelle.workflow.ChangeKind;
import org.passerelle.workflow.ChangeRequest;
import org.passerelle.workflow.ChangeRequestRefused;
import org.passerelle.workflow.ChangeRequests;
import org.passerelle.workflow.RequestedChange;

/**
 * A new change request, as a manager or owner fills it in: the workflow's technical checks run as
 * she types (ChangeRequests.preview) and a change that fails one is not submitted. A link may fill it
 * in beforehand ({@link #prefill}): the hygiene reminders link to the removal of a stale application
 * or network, or to the renewal of an expiring one.
 */
@Named
@ViewScoped
public class ChangeRequestForm implements Serializable {

    @EJB
    private ChangeRequests requests;

    @Inject
    private ConsoleUser user;

    private ChangeKind kind = ChangeKind.ADD_APPLICATION;
    private String application;
    private String entity;
    private String networks;
    private String allowedSenders;
    private String gateways;
    private Integer rateLimit;
    private String description;
    private SenderApplication.Status status;
    private String managers;
    private String expires;
    private String comment;
    private List<?> checks = List.of();
    private String problem;
    private Long submitted;

    /**
     * Fills the form from the link that opened it, on the first request only: {@code kind} (its
     * label, {@code delete-application}), {@code application}, {@code entity}, {@code networks},
     * {@code allowedSenders}, {@code gateways}, {@code description}, {@code expires}, {@code comment};
     * an unknown kind is ignored. Then the checks run, as if she had typed it.
     */
    public void prefill() {
        Map<String, String> given = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        if (given.get("kind") != null) {
            try {
                kind = ChangeKind.of(given.get("kind"));
            } catch (IllegalArgumentException e) {
                return;
            }
        }
        application = given.getOrDefault("application", application);
        entity = given.getOrDefault("entity", entity);
        networks = given.getOrDefault("networks", networks);
        allowedSenders = given.getOrDefault("allowedSenders", allowedSenders);
        gateways = given.getOrDefault("gateways", gateways);
        description = given.getOrDefault("description", description);
        expires = given.getOrDefault("expires", expires);
        comment = given.getOrDefault("comment", comment);
        if (!given.isEmpty()) {
            check();
        }
    }

    /** Runs the technical checks on what the form holds now. */
    public void check() {
        problem = null;
        try {
            checks = requests.preview(user.requester(), change());
        } catch (ChangeRequestRefused e) {
            checks = List.of();
            problem = e.getMessage();
        }
    }

    public String submit() {
        try {
            ChangeRequest request = requests.submitIfChecksPass(user.requester(), change(), TrackingView.blank(comment));
            submitted = request.getId();
            return "/request.xhtml?faces-redirect=true&id=" + request.getId();
        } catch (ChangeRequestRefused e) {
            Texts.error(e.field() == null ? null : "form:" + e.field(), e.getMessage());
            check();
            return null;
        }
    }

    private RequestedChange change() {
        boolean settings = kind == ChangeKind.ADD_APPLICATION || kind == ChangeKind.MODIFY_APPLICATION;
        return new RequestedChange(kind, kind.onApplication() ? TrackingView.blank(application) : null,
                kind.namesEntity() ? TrackingView.blank(entity) : null,
                settings ? lines(networks) : null, settings ? lines(allowedSenders) : null, settings ? lines(gateways) : null,
                settings ? rateLimit : null, settings ? TrackingView.blank(description) : null, settings ? status : null,
                kind.changesManagers() ? orEmpty(lines(managers)) : null, settings ? expiryDate() : null);
    }

    private LocalDate expiryDate() {
        String text = TrackingView.blank(expires);
        try {
            return text == null ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ChangeRequestRefused.invalid("expires", Texts.get("form.expiresInvalid"));
        }
    }

    /** One value a line (or separated by commas or spaces); nothing typed: not asked for. */
    static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(text.split("[\\s,;]+")).filter(value -> !value.isBlank()).toList();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    public boolean isSettings() {
        return kind == ChangeKind.ADD_APPLICATION || kind == ChangeKind.MODIFY_APPLICATION;
    }

    public ChangeKind[] getKinds() {
        return ChangeKind.values();
    }

    public SenderApplication.Status[] getStatuses() {
        return SenderApplication.Status.values();
    }

    public List<?> getChecks() { return checks; }
    public String getProblem() { return problem; }
    public Long getSubmitted() { return submitted; }
    public ChangeKind getKind() { return kind; }
    public void setKind(ChangeKind kind) { this.kind = kind; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getEntity() { return entity; }
    public void setEntity(String entity) { this.entity = entity; }
    public String getNetworks() { return networks; }
    public void setNetworks(String networks) { this.networks = networks; }
    public String getAllowedSenders() { return allowedSenders; }
    public void setAllowedSenders(String allowedSenders) { this.allowedSenders = allowedSenders; }
    public String getGateways() { return gateways; }
    public void setGateways(String gateways) { this.gateways = gateways; }
    public Integer getRateLimit() { return rateLimit; }
    public void setRateLimit(Integer rateLimit) { this.rateLimit = rateLimit; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public SenderApplication.Status getStatus() { return status; }
    public void setStatus(SenderApplication.Status status) { this.status = status; }
    public String getManagers() { return managers; }
    public void setManagers(String managers) { this.managers = managers; }
    public String getExpires() { return expires; }
    public void setExpires(String expires) { this.expires = expires; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
