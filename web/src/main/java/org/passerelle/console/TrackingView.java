package org.passerelle.console;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.passerelle.tracking.MessageOrder;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;
import org.primefaces.component.datatable.DataTable;

/** Message tracking: a search of the tracking log among the messages the requester may see. */
@Named
@ViewScoped
public class TrackingView implements MessagePages.Source {

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

    /** The rows, a page at a time from the database, in the order of the column sorted by. */
    private final MessagePages messages = new MessagePages(this);

    /** A new search starts again at the first page; the table reads it with the new filters. */
    public void search() {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("search:results") instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    @Override
    public List<TrackedMessage> page(MessageQuery query) {
        return tracking.search(user.requester(), query);
    }

    @Override
    public long count(MessageQuery query) {
        return tracking.count(user.requester(), query);
    }

    public MessagePages getMessages() {
        return messages;
    }

    /** The search's first {@value MessageQuery#MAX_LIMIT} messages, in the table's order. */
    public void export() throws IOException {
        MessageQuery query = query(0, MessageQuery.MAX_LIMIT, messages.order());
        List<TrackedMessage> found = query == null ? List.of() : tracking.search(user.requester(), query);
        CsvExport.send("messages", List.of(Texts.get("col.received"), Texts.get("col.queueId"), Texts.get("col.messageId"),
                Texts.get("col.client"), Texts.get("col.application"), Texts.get("col.sender"), Texts.get("col.recipients"),
                Texts.get("col.size"), Texts.get("col.state")), found.stream().map(m -> List.of(
                String.valueOf(m.getReceivedAt()), m.getQueueId(), nullToEmpty(m.getMessageId()), m.getClientAddress(),
                nullToEmpty(m.getApplication()), m.getSender().isEmpty() ? "<>" : m.getSender(),
                String.join(" ", m.getRecipients().stream().map(r -> r.getAddress() + " (" + r.getState() + ")").toList()),
                String.valueOf(m.getSizeBytes()), m.getState().name())).toList());
    }

    /** The search with the filters as typed; {@code null}, with a message next to the field, when they cannot be searched. */
    @Override
    public MessageQuery query(int offset, int limit, MessageOrder order) {
        try {
            return new MessageQuery(blank(queueId), blank(sender), blank(messageId), blank(recipient), blank(application),
                    blank(clientAddress), state, instant(from), instant(to), offset, limit, order);
        } catch (IllegalArgumentException e) {
            if (FacesContext.getCurrentInstance().getMessageList("search:to").isEmpty()) {
                Texts.error("search:to", e.getMessage());
            }
            return null;
        }
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
