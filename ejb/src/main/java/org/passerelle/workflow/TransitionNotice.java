package org.passerelle.workflow;

import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.PlainTextNotice;

/**
 * The plain-text mail telling people that a change request went through a transition: which
 * request, about what, the transition, who made it and why, what was asked and what the checks
 * found ({@link PlainTextNotice}).
 */
final class TransitionNotice {

    private TransitionNotice() {
    }

    static String subject(ChangeRequest request, Transition transition) {
        return "Change request " + request.getId() + " (" + request.getKind().label() + ", " + request.target() + "): "
                + transition.state().label();
    }

    static String body(ChangeRequest request, Transition transition) {
        StringBuilder text = new StringBuilder();
        text.append("Change request ").append(request.getId()).append(", ").append(request.getKind().label())
                .append(" for ").append(request.target()).append(", is now ").append(transition.state().label())
                .append(".\n\n");
        text.append("By:      ").append(transition.actor()).append(", ").append(transition.at()).append('\n');
        text.append("Comment: ").append(transition.comment() == null || transition.comment().isBlank() ? "(none)" : transition.comment())
                .append("\n\n");
        text.append("Requested by ").append(request.getAuthor()).append(" on ").append(request.getSubmittedAt()).append(":\n");
        RequestedChange change = request.change();
        line(text, "entity", request.getEntity());
        line(text, "networks", change.networks());
        line(text, "allowed senders", change.allowedSenders());
        line(text, "gateways", change.gateways());
        line(text, "rate limit", change.rateLimit());
        line(text, "description", change.description());
        line(text, "status", change.status());
        line(text, "expires", change.expires());
        line(text, "managers", change.managers());
        text.append("\nTechnical checks:\n");
        request.getChecks().forEach(check -> text.append("  ").append(check).append('\n'));
        text.append("\nHistory:\n");
        request.getTransitions().forEach(step -> text.append("  ").append(step.at()).append(' ').append(step.state().label())
                .append(" by ").append(step.actor()).append('\n'));
        return text.toString();
    }

    /** The whole message, ready for the spool. */
    static byte[] message(ChangeRequest request, Transition transition, MailAddress from, List<MailAddress> recipients, String hostname) {
        return new PlainTextNotice("Passerelle change requests", from, recipients, subject(request, transition), transition.at(),
                "change-request-" + request.getId(), body(request, transition)).write(hostname);
    }

    private static void line(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append("  ").append(name).append(": ").append(value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : value)
                    .append('\n');
        }
    }
}
