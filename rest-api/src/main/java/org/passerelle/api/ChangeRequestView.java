package org.passerelle.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.passerelle.directory.CheckResult;
import org.passerelle.workflow.ChangeRequest;
import org.passerelle.workflow.RequestedChange;

/** A change request as the API shows it: what was asked, its checks, its history and, if applying failed, why. */
public record ChangeRequestView(long id, String kind, String state, String application, String entity, String author,
                                Instant submittedAt, Requested requested, List<CheckResult> checks,
                                List<TransitionView> transitions, String applyError, int version) {

    /** The values asked for; those left out are not changed. */
    public record Requested(List<String> networks, List<String> allowedSenders, List<String> gateways, Integer rateLimit,
                            String description, String status, List<String> managers, String expires) {
    }

    public record TransitionView(String state, String actor, Instant at, String comment) {
    }

    static ChangeRequestView of(ChangeRequest request) {
        RequestedChange change = request.change();
        return new ChangeRequestView(request.getId(), request.getKind().label(), request.getState().label(),
                request.getApplication(), request.getEntity(), request.getAuthor(), request.getSubmittedAt(),
                new Requested(change.networks(), change.allowedSenders(), change.gateways(), change.rateLimit(), change.description(),
                        change.status() == null ? null : change.status().name().toLowerCase(Locale.ROOT), change.managers(),
                        change.expires() == null ? null : change.expires().toString()),
                request.getChecks(),
                request.getTransitions().stream().map(t -> new TransitionView(t.state().label(), t.actor(), t.at(), t.comment())).toList(),
                request.getApplyError(), request.getVersion());
    }

    /** The entity tag of this version of the request (sent quoted), for {@code If-Match}. */
    static String etag(ChangeRequest request) {
        return String.valueOf(request.getVersion());
    }
}
