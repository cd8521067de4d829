package org.passerelle.policy;

import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.smtp.MailAddress;

/**
 * Explains what this gateway would answer to a session: the same {@link GatewayPolicy} calls the
 * SMTP session makes, stage by stage, stopping where a session would stop (a refused connect, HELO
 * or MAIL); every recipient is decided on its own.
 */
@Stateless
public class PolicyExplainer {

    @EJB
    private GatewayPolicy policy;

    /** @param sender {@code null} for the null sender */
    public List<StageDecision> explain(SessionClient client, MailAddress sender, List<MailAddress> recipients) {
        List<StageDecision> stages = new ArrayList<>();
        if (!add(stages, new StageDecision("connect", null, policy.connect(client)))
                || !add(stages, new StageDecision("helo", null, policy.helo(client)))
                || !add(stages, new StageDecision("mail", null, policy.mail(client, sender)))) {
            return stages;
        }
        for (MailAddress recipient : recipients) {
            stages.add(new StageDecision("rcpt", recipient.toString(), policy.rcpt(client, recipient)));
        }
        return stages;
    }

    private static boolean add(List<StageDecision> stages, StageDecision stage) {
        stages.add(stage);
        return stage.decision().accepted();
    }
}
