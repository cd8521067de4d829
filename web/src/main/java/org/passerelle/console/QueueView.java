package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.queue.QueueFilter;
import org.passerelle.queue.QueueOperationRefused;
import org.passerelle.queue.QueueOperations;
import org.passerelle.queue.QueueOperations.Operation;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.TrackedMessage;

/**
 * The queue: the filters of {@code /api/v1/queue}, an action on one message or on every message the
 * filters select (after a confirmation that says how many), and paused next hops. QueueOperations
 * refuses anyone but operations and the central service.
 */
@Named
@ViewScoped
public class QueueView implements Serializable {

    private static final int SHOWN = 1000;

    @EJB
    private QueueOperations queue;

    @Inject
    private ConsoleUser user;

    private String sender;
    private String recipient;
    private String recipientDomain;
    private String application;
    private String nextHop;
    private MessageState state;
    private Integer olderThanMinutes;
    private List<TrackedMessage> messages;
    private Operation bulkAction;
    private int bulkCount;
    private String hop;

    public void init() throws IOException {
        user.require(user.isOperatesQueue());
    }

    public void search() {
        QueueFilter filter = filter(SHOWN);
        if (filter != null) {
            messages = queue.list(filter);
        }
    }

    public List<TrackedMessage> getMessages() {
        if (messages == null) {
            search();
        }
        return messages == null ? List.of() : messages;
    }

    public void act(String queueId, String action) {
        Operation operation = Operation.valueOf(action);
        try {
            queue.apply(operation, queueId, user.requester());
            Texts.info(Texts.get("queue.done." + operation.name().toLowerCase(Locale.ROOT), queueId));
        } catch (QueueOperationRefused e) {
            Texts.error(null, e.getMessage());
        }
        search();
    }

    /** First step of a bulk action: how many messages it would touch, for the confirmation. */
    public void prepare(String action) {
        QueueFilter filter = filter(QueueFilter.MAX_LIMIT);
        if (filter == null) {
            return;
        }
        bulkAction = Operation.valueOf(action);
        bulkCount = queue.countApplicable(bulkAction, filter);
    }

    public void confirm() {
        QueueFilter filter = filter(QueueFilter.MAX_LIMIT);
        if (filter == null || bulkAction == null) {
            return;
        }
        try {
            int applied = queue.applyAll(bulkAction, filter, user.requester());
            Texts.info(Texts.get("queue.bulkDone", Texts.get("queue.action." + bulkAction.name().toLowerCase(Locale.ROOT)), applied));
        } catch (QueueOperationRefused e) {
            Texts.error(null, e.getMessage());
        }
        bulkAction = null;
        search();
    }

    public void pause() {
        onHop(true);
    }

    public void resume() {
        onHop(false);
    }

    private void onHop(boolean pause) {
        try {
            NextHop.parse(TrackingView.blank(hop) == null ? "" : hop.trim());
        } catch (IllegalArgumentException e) {
            Texts.error("hops:hop", e.getMessage());
            return;
        }
        try {
            if (pause) {
                queue.pause(hop.trim(), user.requester());
            } else {
                queue.resume(hop.trim(), user.requester());
            }
        } catch (QueueOperationRefused | EJBException e) {
            Texts.error("hops:hop", e.getMessage());
        }
    }

    public void export() throws IOException {
        CsvExport.send("queue", List.of(Texts.get("col.received"), Texts.get("col.queueId"), Texts.get("col.application"),
                Texts.get("col.sender"), Texts.get("col.recipients"), Texts.get("col.state"), Texts.get("col.attempts"),
                Texts.get("col.nextAttempt")), getMessages().stream().map(m -> List.of(String.valueOf(m.getReceivedAt()),
                m.getQueueId(), m.getApplication() == null ? "" : m.getApplication(), m.getSender().isEmpty() ? "<>" : m.getSender(),
                String.join(" ", m.pendingRecipients()), m.getState().name(), String.valueOf(m.getAttempts()),
                String.valueOf(m.getNextAttemptAt()))).toList());
    }

    /** The filter, or {@code null} after telling which field is wrong. */
    private QueueFilter filter(int limit) {
        if (olderThanMinutes != null && olderThanMinutes < 0) {
            Texts.error("filters:olderThan", Texts.get("queue.olderThanNegative"));
            return null;
        }
        String wantedHop = TrackingView.blank(nextHop);
        if (wantedHop != null) {
            try {
                NextHop.parse(wantedHop);
            } catch (IllegalArgumentException e) {
                Texts.error("filters:nextHop", e.getMessage());
                return null;
            }
        }
        return new QueueFilter(TrackingView.blank(sender), TrackingView.blank(recipient), TrackingView.blank(recipientDomain),
                TrackingView.blank(application), wantedHop,
                state, olderThanMinutes == null ? null : Duration.ofMinutes(olderThanMinutes), limit);
    }

    public List<String> getPausedNextHops() {
        return queue.pausedNextHops();
    }

    public List<MessageState> getStates() {
        return List.of(MessageState.QUEUED, MessageState.DEFERRED, MessageState.HELD);
    }

    public String getBulkActionLabel() {
        return bulkAction == null ? "" : Texts.get("queue.action." + bulkAction.name().toLowerCase(Locale.ROOT));
    }

    public String getConfirmText() {
        return bulkAction == null ? "" : Texts.get("queue.confirmAll", getBulkActionLabel(), bulkCount);
    }

    public int getBulkCount() { return bulkCount; }
    public String getSender() { return sender; }
    public void setSender(String sender) { this.sender = sender; }
    public String getRecipient() { return recipient; }
    public void setRecipient(String recipient) { this.recipient = recipient; }
    public String getRecipientDomain() { return recipientDomain; }
    public void setRecipientDomain(String recipientDomain) { this.recipientDomain = recipientDomain; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getNextHop() { return nextHop; }
    public void setNextHop(String nextHop) { this.nextHop = nextHop; }
    public MessageState getState() { return state; }
    public void setState(MessageState state) { this.state = state; }
    public Integer getOlderThanMinutes() { return olderThanMinutes; }
    public void setOlderThanMinutes(Integer olderThanMinutes) { this.olderThanMinutes = olderThanMinutes; }
    public String getHop() { return hop; }
    public void setHop(String hop) { this.hop = hop; }
}
