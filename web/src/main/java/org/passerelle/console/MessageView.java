package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.queue.QueueOperationRefused;
import org.passerelle.queue.QueueOperations;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.SessionVerdict;
import org.passerelle.tracking.TrackedMessage;

/**
 * One message: its envelope, the policy decisions of the session that sent it, recipients, header
 * section while it is queued, every delivery attempt and the notices sent about it.
 */
@Named
@ViewScoped
public class MessageView implements Serializable {

    @EJB
    private MessageTracking tracking;

    @EJB
    private QueueOperations queue;

    @Inject
    private ConsoleUser user;

    private String queueId;
    private TrackedMessage message;
    private List<DeliveryAttempt> attempts;
    private String headers;
    private List<TrackedMessage> notices;

    /** Loads the message named by the page's parameter; one the requester may not see is not there. */
    public void load() throws IOException {
        if (queueId != null && QueueId.isValid(queueId)) {
            message = tracking.find(user.requester(), queueId).orElse(null);
        }
        if (message == null) {
            Texts.error(null, Texts.get("message.notFound", String.valueOf(queueId)));
            return;
        }
        attempts = tracking.attempts(queueId);
        notices = tracking.notices(queueId);
        if (!message.getState().finished()) {
            try {
                headers = queue.headers(queueId);
            } catch (QueueOperationRefused | EJBException e) {
                // gone meanwhile, or its content cannot be read: the page shows the rest
                headers = null;
            }
        }
    }

    public void exportAttempts() throws IOException {
        CsvExport.send("attempts-" + queueId, List.of(Texts.get("col.attemptedAt"), Texts.get("col.recipient"),
                Texts.get("col.nextHop"), Texts.get("col.reply"), Texts.get("col.tls"), Texts.get("col.duration"),
                Texts.get("col.outcome")), attempts.stream().map(a -> List.of(String.valueOf(a.getAttemptedAt()), a.getRecipient(),
                a.getNextHop(), a.getReplyCode() + " " + a.getReplyText(), a.getTlsProtocol() == null ? "" : a.getTlsProtocol(),
                String.valueOf(a.getDurationMillis()), a.getOutcome().name())).toList());
    }

    public String getQueueId() { return queueId; }
    public void setQueueId(String queueId) { this.queueId = queueId; }
    public TrackedMessage getMessage() { return message; }
    public List<DeliveryAttempt> getAttempts() { return attempts; }
    public String getHeaders() { return headers; }
    public List<TrackedMessage> getNotices() { return notices; }
    public List<SessionVerdict> getVerdicts() { return message.getPolicyVerdicts(); }

    /** A notice is Passerelle's own message, of no application: only the roles that see every message may open it. */
    public boolean isNoticesOpen() {
        return user.isSeesEverything();
    }
}
