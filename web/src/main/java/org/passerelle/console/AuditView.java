package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.audit.AuditEntry;
import org.passerelle.audit.AuditLog;

/** The audit log, newest first, filtered by actor, action, target and time range. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final int SHOWN = 500;

    @EJB
    private AuditLog audit;

    @Inject
    private ConsoleUser user;

    private String actor;
    private String action;
    private String target;
    private LocalDateTime from;
    private LocalDateTime to;
    private List<AuditEntry> entries;

    public void init() throws IOException {
        user.require(user.isSeesEverything());
    }

    public void search() {
        if (from != null && to != null && !from.isBefore(to)) {
            Texts.error("audit:to", Texts.get("filter.badRange"));
            return;
        }
        ZoneId zone = ZoneId.systemDefault();
        entries = audit.search(TrackingView.blank(actor), TrackingView.blank(action), TrackingView.blank(target),
                from == null ? null : from.atZone(zone).toInstant(), to == null ? null : to.atZone(zone).toInstant(), 0, SHOWN);
    }

    public List<AuditEntry> getEntries() {
        if (entries == null) {
            search();
        }
        return entries == null ? List.of() : entries;
    }

    public void export() throws IOException {
        CsvExport.send("audit", List.of(Texts.get("col.at"), Texts.get("col.actor"), Texts.get("col.action"), Texts.get("col.target"),
                Texts.get("col.before"), Texts.get("col.after")), getEntries().stream().map(e -> List.of(String.valueOf(e.getAt()),
                e.getActor(), e.getAction(), e.getTarget(), e.getBefore() == null ? "" : e.getBefore(),
                e.getAfter() == null ? "" : e.getAfter())).toList());
    }

    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public LocalDateTime getFrom() { return from; }
    public void setFrom(LocalDateTime from) { this.from = from; }
    public LocalDateTime getTo() { return to; }
    public void setTo(LocalDateTime to) { this.to = to; }
}
