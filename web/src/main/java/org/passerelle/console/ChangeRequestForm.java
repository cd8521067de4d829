package org.passerelle.console;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

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
 * she types (ChangeRequests.preview) and a change that fails one is not submitted.
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
    private String comment;
    private List<?> checks = List.of();
    private String problem;
    private Long submitted;

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
                kind.changesManagers() ? orEmpty(lines(managers)) : null);
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
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
