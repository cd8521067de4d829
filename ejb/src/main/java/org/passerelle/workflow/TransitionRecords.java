package org.passerelle.workflow;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.audit.AuditLog;

/**
 * What each transition leaves behind besides the request's own history: an audit row (the state
 * before and after, and the change asked) and the notice mailed to the people concerned. The
 * directory write of an applied change is audited by the directory's own write path.
 */
@Stateless
public class TransitionRecords {

    @EJB
    private AuditLog audit;

    @EJB
    private WorkflowNotices notices;

    /**
     * Records the request's last transition.
     *
     * @param before the state it left, {@code null} for a submission
     */
    public void record(ChangeRequest request, ChangeState before, String actor) {
        List<Transition> transitions = request.getTransitions();
        Transition last = transitions.get(transitions.size() - 1);
        audit.record(actor, "change-request." + last.state().label(), target(request),
                before == null ? null : "state " + before.label(),
                "state " + last.state().label() + "; " + request.change());
        notices.send(request, last);
    }

    /** Records a change the directory did not take: an audit row; the request stays as it was. */
    public void applyFailed(ChangeRequest request, String actor, String error) {
        audit.record(actor, "change-request.apply-failed", target(request), "state " + request.getState().label(), "error: " + error);
    }

    private static String target(ChangeRequest request) {
        return "change-request " + request.getId() + " (" + request.target() + ")";
    }
}
