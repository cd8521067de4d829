package org.passerelle.policy;

import java.util.Locale;
import java.util.Optional;

import org.passerelle.directory.AccessRule;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.Verdict;

/**
 * The access lists, checked before anything else at connect, HELO and MAIL. At each stage the
 * rules that can be decided with what is known so far are tried in priority order; the first
 * that matches decides. A rule is tried again at later stages and decides the same way, so no
 * state is kept between stages.
 */
final class AccessPolicy {

    enum Stage { CONNECT, HELO, MAIL }

    // Postfix answers a broken lookup table the same way: come back later, nothing is refused for good.
    private static final Verdict UNREADABLE_RULE = Verdict.tempFail(421, "4.3.0", "Server configuration error, try again later");

    /** The decision of the first matching rule, if one matches. */
    Optional<PolicyDecision> check(Stage stage, SessionClient client, MailAddress sender, DirectorySnapshot directory) {
        boolean heloKnown = stage != Stage.CONNECT;
        boolean senderKnown = stage == Stage.MAIL;
        String senderDomain = sender == null ? null : sender.domain();
        return directory.accessRules().stream()
                .filter(rule -> rule.decidableWith(heloKnown, senderKnown))
                .filter(rule -> rule.matches(client.address(), client.heloName(), senderDomain))
                .findFirst()
                .map(rule -> rule.readable()
                        ? new PolicyDecision(rule.action() == AccessRule.Action.ALLOW ? Verdict.accept() : denied(stage, client, sender),
                                "access rule " + rule.name() + " (" + rule.action().name().toLowerCase(Locale.ROOT) + ")")
                        : new PolicyDecision(UNREADABLE_RULE, "access rule " + rule.name() + " (deny, unreadable: " + rule.problem() + ")"));
    }

    private static Verdict denied(Stage stage, SessionClient client, MailAddress sender) {
        String text = switch (stage) {
            case CONNECT -> "Client host [" + client.address().getHostAddress() + "] rejected: Access denied";
            case HELO -> "<" + client.heloName() + ">: Helo command rejected: Access denied";
            case MAIL -> "<" + (sender == null ? "" : sender) + ">: Sender address rejected: Access denied";
        };
        return Verdict.reject(554, "5.7.1", text);
    }
}
