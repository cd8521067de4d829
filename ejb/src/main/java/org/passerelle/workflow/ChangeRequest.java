package org.passerelle.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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

import org.passerelle.directory.CheckResult;
import org.passerelle.directory.SenderApplication;

/**
 * A change request: what its author asks for, the results of its technical checks, and its
 * history of transitions. Its {@code version} changes with every change of the request, so a
 * client that read one version can ask for a transition only if it is still current.
 */
@Entity
@Table(name = "change_request")
public class ChangeRequest {

    private static final int ERROR_LIMIT = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false, length = 32)
    private ChangeKind kind;

    @Column(name = "application", updatable = false, length = 64)
    private String application;

    /** The entity of the application (for an addition, the one it will belong to), or whose managers change. */
    @Column(name = "entity", updatable = false, length = 64)
    private String entity;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private ChangeState state;

    @Column(name = "author", nullable = false, updatable = false, length = 255)
    private String author;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private Instant submittedAt;

    @Convert(converter = LinesConverter.class)
    @Column(name = "networks", updatable = false, length = 4000)
    private List<String> networks;

    @Convert(converter = LinesConverter.class)
    @Column(name = "allowed_senders", updatable = false, length = 4000)
    private List<String> allowedSenders;

    @Convert(converter = LinesConverter.class)
    @Column(name = "gateways", updatable = false, length = 4000)
    private List<String> gateways;

    @Column(name = "rate_limit", updatable = false)
    private Integer rateLimit;

    @Column(name = "description", updatable = false, length = 1000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", updatable = false, length = 16)
    private SenderApplication.Status status;

    @Convert(converter = LinesConverter.class)
    @Column(name = "managers", updatable = false, length = 4000)
    private List<String> managers;

    /** The application's new expiry date (V27). */
    @Column(name = "expires", updatable = false)
    private LocalDate expires;

    /** Why the last attempt to apply the request failed; cleared when it is applied. */
    @Column(name = "apply_error", length = ERROR_LIMIT)
    private String applyError;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "change_request_check", joinColumns = @JoinColumn(name = "request_id"))
    @OrderColumn(name = "position")
    private List<CheckResult> checks = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "change_request_transition", joinColumns = @JoinColumn(name = "request_id"))
    @OrderColumn(name = "position")
    private List<Transition> transitions = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private int version;

    protected ChangeRequest() {
    }

    /** A new, submitted request, with its checks' results and its author's comment. */
    ChangeRequest(RequestedChange change, String entity, String author, Instant at, String comment, List<CheckResult> checks) {
        this.kind = change.kind();
        this.application = change.application();
        this.entity = entity;
        this.state = ChangeState.SUBMITTED;
        this.author = author;
        this.submittedAt = at;
        this.networks = change.networks();
        this.allowedSenders = change.allowedSenders();
        this.gateways = change.gateways();
        this.rateLimit = change.rateLimit();
        this.description = change.description();
        this.status = change.status();
        this.managers = change.managers();
        this.expires = change.expires();
        this.checks.addAll(checks);
        this.transitions.add(new Transition(ChangeState.SUBMITTED, author, at, comment));
    }

    /** @throws ChangeRequestRefused when the request's state does not lead there */
    void moveTo(ChangeState next, String actor, Instant at, String comment) {
        if (!state.mayBecome(next)) {
            throw new ChangeRequestRefused(ChangeRequestRefused.Reason.CONFLICT,
                    "change request " + id + " is " + state.label() + ": it cannot become " + next.label());
        }
        state = next;
        transitions.add(new Transition(next, actor, at, comment));
        if (next == ChangeState.APPLIED) {
            applyError = null;
        }
    }

    void checked(List<CheckResult> results) {
        checks.clear();
        checks.addAll(results);
    }

    void failedToApply(String error) {
        applyError = error.length() <= ERROR_LIMIT ? error : error.substring(0, ERROR_LIMIT - 3) + "...";
    }

    /** The change as its author asked for it, for the checks and the directory writer. */
    public RequestedChange change() {
        return new RequestedChange(kind, application, kind.namesEntity() ? entity : null,
                networks, allowedSenders, gateways, rateLimit, description, status, managers, expires);
    }

    public String target() {
        return change().target();
    }

    public Long getId() {
        return id;
    }

    public ChangeKind getKind() {
        return kind;
    }

    public String getApplication() {
        return application;
    }

    public String getEntity() {
        return entity;
    }

    public ChangeState getState() {
        return state;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getApplyError() {
        return applyError;
    }

    public List<CheckResult> getChecks() {
        return List.copyOf(checks);
    }

    public List<Transition> getTransitions() {
        return List.copyOf(transitions);
    }

    public int getVersion() {
        return version;
    }
}
