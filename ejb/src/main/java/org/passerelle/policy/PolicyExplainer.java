package org.passerelle.policy;

import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.passerelle.directory.EntryKind;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.Requester;
import org.passerelle.directory.Visibility;
import org.passerelle.refusal.Refusal;
import org.passerelle.smtp.MailAddress;

/**
 * Explains what this gateway would answer to a session: the same {@link GatewayPolicy} calls the
 * SMTP session makes, stage by stage, stopping where a session would stop (a refused connect, HELO
 * or MAIL); every recipient is decided on its own, and a recipient that greylisting would check has
 * a {@code greylist} stage after its {@code rcpt} stage, read without changing the greylist.
 */
@Stateless
public class PolicyExplainer {

    @Inject
    private GatewayPolicy policy;

    @EJB
    private Visibility visibility;

    @EJB
    private RelayDirectory relayDirectory;

    /**
     * @param requester who asks: with a role (central, operations, auditor), for any session; else
     *        only for a client address in the networks of an application they manage or own, and
     *        logged in as nobody or as themselves, so that nothing is learnt of others' applications
     * @param sender {@code null} for the null sender
     */
    public List<StageDecision> explain(Requester requester, SessionClient client, MailAddress sender, List<MailAddress> recipients) {
        if (requester.roles().isEmpty()) {
            requireOwnSession(requester, client);
        }
        List<StageDecision> stages = new ArrayList<>();
        if (!add(stages, new StageDecision("connect", null, policy.connect(client)))
                || !add(stages, new StageDecision("helo", null, policy.helo(client)))
                || !add(stages, new StageDecision("mail", null, policy.mail(client, sender)))) {
            return stages;
        }
        for (MailAddress recipient : recipients) {
            PolicyDecision rcpt = policy.rcpt(client, sender, recipient);
            stages.add(new StageDecision("rcpt", recipient.toString(), rcpt));
            if (rcpt.accepted()) {
                policy.greylistPreview(client, sender, recipient).ifPresent(greylist -> stages.add(new StageDecision("greylist",
                        recipient.toString(), new PolicyDecision(greylist.verdict(), greylist.rule()))));
            }
        }
        return stages;
    }

    private void requireOwnSession(Requester requester, SessionClient client) {
        if (client.authenticated() && !client.authenticatedUser().equalsIgnoreCase(requester.login())) {
            throw Refusal.invalid("authenticatedUser", "you may explain sessions logged in as yourself only");
        }
        Visibility.Scope mine = visibility.of(requester.login());
        boolean ownNetwork = relayDirectory.current().applications().stream()
                .filter(application -> mine.sees(EntryKind.APPLICATION, application.name()))
                .anyMatch(application -> application.covers(client.address()));
        if (!ownNetwork) {
            throw new Refusal(Refusal.Reason.FORBIDDEN, "you may explain sessions from the networks of your applications only");
        }
    }

    private static boolean add(List<StageDecision> stages, StageDecision stage) {
        stages.add(stage);
        return stage.decision().accepted();
    }
}
