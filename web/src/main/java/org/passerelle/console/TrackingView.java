package org.passerelle.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;

/** Message tracking: a search of the tracking log among the messages the requester may see. */
@Named
@ViewScoped
public class TrackingView implements Serializable {

    @EJB
    private MessageTracking tracking;

    @Inject
    private ConsoleUser user;

    private String queueId;
    private String messageId;
    private String sender;
    private String recipient;
    private String application;
    private String clientAddress;
    private MessageState state;
    private LocalDateTime from;
    private LocalDateTime to;
    private List<TrackedMessage> messages;

    /** Without a filter the page opens on the newest messages only; a search shows up to {@value #FOUND}. */
    private static final int NEWEST = 100;
    private static final int FOUND = 500;

    private boolean searched;

    public void search() {
        searched = true;
        load(FOUND);
    }

    private void load(int limit) {
        try {
            messages = tracking.search(user.requester(), query(limit));
        } catch (IllegalArgumentException e) {
            Texts.error("search:to", e.getMessage());
        }
    }

    public List<TrackedMessage> getMessages() {
        if (messages == null && !searched) {
            load(NEWEST);
        }
        return messages == null ? List.of() : messages;
    }

    public void export() throws IOException {
        CsvExport.send("messages", List.of(Texts.get("col.received"), Texts.get("col.queueId"), Texts.get("col.messageId"),
                Texts.get("col.client"), Texts.get("col.application"), Texts.get("col.sender"), Texts.get("col.recipients"),
                Texts.get("col.size"), Texts.get("col.state")), getMessages().stream().map(m -> List.of(
                String.valueOf(m.getReceivedAt()), m.getQueueId(), nullToEmpty(m.getMessageId()), m.getClientAddress(),
                nullToEmpty(m.getApplication()), m.getSender().isEmpty() ? "<>" : m.getSender(),
                String.join(" ", m.getRecipients().stream().map(r -> r.getAddress() + " (" + r.getState() + ")").toList()),
                String.valueOf(m.getSizeBytes()), m.getState().name())).toList());
    }

    private MessageQuery query(int limit) {
        return new MessageQuery(blank(queueId), blank(sender), blank(messageId), blank(recipient), blank(application),
                blank(clientAddress), state, instant(from), instant(to), 0, limit);
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    public MessageState[] getStates() {
        return MessageState.values();
    }

    public String getQueueId() { return queueId; }
    public void setQueueId(String queueId) { this.queueId = queueId; }
    public String getMessageId() { return messageId; }
    public void setMessageId(String messageId) { this.messageId = messageId; }
    public String getSender() { return sender; }
    public void setSender(String sender) { this.sender = sender; }
    public String getRecipient() { return recipient; }
    public void setRecipient(String recipient) { this.recipient = recipient; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getClientAddress() { return clientAddress; }
    public void setClientAddress(String clientAddress) { this.clientAddress = clientAddress; }
    public MessageState getState() { return state; }
    public void setState(MessageState state) { this.state = state; }
    public LocalDateTime getFrom() { return from; }
    public void setFrom(LocalDateTime from) { this.from = from; }
    public LocalDateTime getTo() { return to; }
    public void setTo(LocalDateTime to) { this.to = to; }
}
