package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.workflow.ChangeRequest;
import org.passerelle.workflow.ChangeRequestFilter;
import org.passerelle.workflow.ChangeRequestRefused;
import org.passerelle.workflow.ChangeRequests;
import org.passerelle.workflow.ChangeState;

/**
 * The change requests the requester may see, and one of them with its checks and history; the
 * central service validates, rejects (with a comment) or applies it, its author withdraws it.
 * ChangeRequests decides who may do what.
 */
@Named
@ViewScoped
public class ChangeRequestsView implements Serializable {

    @EJB
    private ChangeRequests requests;

    @Inject
    private ConsoleUser user;

    private ChangeState state;
    private List<ChangeRequest> list;
    private Long id;
    private ChangeRequest selected;
    private String comment;

    public List<ChangeRequest> getList() {
        if (list == null) {
            list = requests.list(user.requester(), new ChangeRequestFilter(state, null, null, ChangeRequestFilter.MAXIMAL_LIMIT, 0));
        }
        return list;
    }

    public void filter() {
        list = null;
    }

    /** Loads the request named by the page's {@code id} parameter. */
    public void load() {
        if (id == null) {
            return;
        }
        try {
            selected = requests.find(user.requester(), id);
        } catch (ChangeRequestRefused e) {
            Texts.error(null, e.getMessage());
        }
    }

    public void validate() {
        act(() -> requests.validate(user.requester(), selected.getId(), comment, selected.getVersion()), "request.validated");
    }

    public void reject() {
        act(() -> requests.reject(user.requester(), selected.getId(), comment, selected.getVersion()), "request.rejected");
    }

    public void apply() {
        act(() -> requests.apply(user.requester(), selected.getId(), comment, selected.getVersion()), "request.applied");
    }

    public void withdraw() {
        act(() -> requests.withdraw(user.requester(), selected.getId(), comment, selected.getVersion()), "request.withdrawn");
    }

    private void act(Transition transition, String done) {
        try {
            selected = transition.run();
            comment = null;
            Texts.info(Texts.get(done, selected.getId()));
        } catch (ChangeRequestRefused e) {
            Texts.error("comment".equals(e.field()) ? "act:comment" : null, e.getMessage());
            selected = requests.find(user.requester(), selected.getId());
        }
    }

    private interface Transition {
        ChangeRequest run();
    }

    public void export() throws IOException {
        CsvExport.send("change-requests", List.of("id", Texts.get("col.kind"), Texts.get("col.target"), Texts.get("col.author"),
                Texts.get("col.submittedAt"), Texts.get("col.state")), getList().stream().map(r -> List.of(String.valueOf(r.getId()),
                r.getKind().label(), r.target(), r.getAuthor(), String.valueOf(r.getSubmittedAt()), r.getState().label())).toList());
    }

    public boolean isMayDecide() {
        return user.isCentral() && selected != null && selected.getState() == ChangeState.SUBMITTED;
    }

    public boolean isMayApply() {
        return user.isCentral() && selected != null && selected.getState() == ChangeState.VALIDATED;
    }

    public boolean isMayWithdraw() {
        return selected != null && selected.getState() == ChangeState.SUBMITTED
                && selected.getAuthor().equalsIgnoreCase(user.getLogin());
    }

    public ChangeState[] getStates() {
        return ChangeState.values();
    }

    public ChangeState getState() { return state; }
    public void setState(ChangeState state) { this.state = state; }
    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public ChangeRequest getSelected() { return selected; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
}
