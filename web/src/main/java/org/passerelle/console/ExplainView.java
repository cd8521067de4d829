package org.passerelle.console;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.NetworkRange;
import org.passerelle.policy.PolicyExplainer;
import org.passerelle.policy.SessionClient;
import org.passerelle.policy.StageDecision;
import org.passerelle.refusal.Refusal;
import org.passerelle.smtp.MailAddress;

/** Policy explain: what this gateway would answer a session with these facts, stage by stage, and the rule behind each answer. */
@Named
@ViewScoped
public class ExplainView implements Serializable {

    @EJB
    private PolicyExplainer explainer;

    @Inject
    private ConsoleUser user;

    private String clientAddress;
    private String listener = SessionClient.RELAY_LISTENER;
    private String heloName;
    private String login;
    private String sender;
    private String recipients;
    private List<StageDecision> stages;

    public void explain() {
        stages = null;
        InetAddress client;
        try {
            client = NetworkRange.address(clientAddress == null ? "" : clientAddress.trim());
        } catch (IllegalArgumentException e) {
            Texts.error("explain:clientAddress", e.getMessage());
            return;
        }
        MailAddress from;
        try {
            from = sender == null || sender.isBlank() || sender.trim().equals("<>") ? null : MailAddress.parse(unbracketed(sender));
        } catch (IllegalArgumentException e) {
            Texts.error("explain:sender", e.getMessage());
            return;
        }
        List<MailAddress> to = new ArrayList<>();
        List<String> given = ChangeRequestForm.lines(recipients);
        for (String recipient : given == null ? List.<String>of() : given) {
            try {
                to.add(MailAddress.parse(unbracketed(recipient)));
            } catch (IllegalArgumentException e) {
                Texts.error("explain:recipients", Texts.get("explain.notMailbox", recipient));
                return;
            }
        }
        try {
            stages = explainer.explain(user.requester(),
                    new SessionClient(client, listener, TrackingView.blank(heloName), TrackingView.blank(login)), from, to);
        } catch (Refusal refused) {
            Texts.error(refused.field() == null ? null : "explain:" + refused.field(), refused.getMessage());
        } catch (DirectoryUnavailableException e) {
            Texts.error(null, e.publicMessage());
        }
    }

    private static String unbracketed(String path) {
        String trimmed = path.trim();
        return trimmed.startsWith("<") && trimmed.endsWith(">") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    public List<String> getListeners() {
        return List.of(SessionClient.RELAY_LISTENER, "submission", "submissions");
    }

    public List<StageDecision> getStages() { return stages; }
    public String getClientAddress() { return clientAddress; }
    public void setClientAddress(String clientAddress) { this.clientAddress = clientAddress; }
    public String getListener() { return listener; }
    public void setListener(String listener) { this.listener = listener; }
    public String getHeloName() { return heloName; }
    public void setHeloName(String heloName) { this.heloName = heloName; }
    public String getLogin() { return login; }
    public void setLogin(String login) { this.login = login; }
    public String getSender() { return sender; }
    public void setSender(String sender) { this.sender = sender; }
    public String getRecipients() { return recipients; }
    public void setRecipients(String recipients) { this.recipients = recipients; }
}
