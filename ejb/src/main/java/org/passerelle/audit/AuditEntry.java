package org.passerelle.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One administrative action: who, when, what, on what, and the state before and after. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    private static final int STATE_LIMIT = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "at", nullable = false, updatable = false)
    private Instant at;

    @Column(name = "actor", nullable = false, updatable = false, length = 255)
    private String actor;

    @Column(name = "action", nullable = false, updatable = false, length = 64)
    private String action;

    @Column(name = "target", nullable = false, updatable = false, length = 300)
    private String target;

    @Column(name = "before_state", updatable = false, length = STATE_LIMIT)
    private String before;

    @Column(name = "after_state", updatable = false, length = STATE_LIMIT)
    private String after;

    protected AuditEntry() {
    }

    AuditEntry(Instant at, String actor, String action, String target, String before, String after) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.before = fit(before);
        this.after = fit(after);
    }

    private static String fit(String state) {
        return state == null || state.length() <= STATE_LIMIT ? state : state.substring(0, STATE_LIMIT);
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getBefore() {
        return before;
    }

    public String getAfter() {
        return after;
    }
}
