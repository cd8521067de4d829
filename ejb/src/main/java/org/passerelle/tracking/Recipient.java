package org.passerelle.tracking;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.passerelle.smtp.RecipientDsn;

/**
 * One envelope recipient of a tracked message, with its own state, the last reply about it, and
 * what its sender asked of delivery status notifications for it (NOTIFY and ORCPT, RFC 3461).
 */
@Embeddable
public class Recipient {

    @Column(name = "address", nullable = false, length = 320)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private RecipientState state;

    @Column(name = "last_reply", length = 1000)
    private String lastReply;

    /** The NOTIFY values, comma-separated; {@code null} when the sender gave none. */
    @Column(name = "notify_on", length = 32)
    private String notifyOn;

    @Column(name = "original_recipient_type", length = 500)
    private String originalRecipientType;

    @Column(name = "original_recipient", length = 500)
    private String originalRecipient;

    protected Recipient() {
    }

    public Recipient(String address, RecipientDsn dsn) {
        this.address = address;
        this.state = RecipientState.PENDING;
        this.notifyOn = dsn.notifyOn().isEmpty() ? null
                : dsn.notifyOn().stream().map(Enum::name).collect(Collectors.joining(","));
        this.originalRecipientType = dsn.originalRecipientType();
        this.originalRecipient = dsn.originalRecipient();
    }

    public String getAddress() {
        return address;
    }

    public RecipientState getState() {
        return state;
    }

    public String getLastReply() {
        return lastReply;
    }

    /** NOTIFY and ORCPT as the sender gave them with this recipient. */
    public RecipientDsn getDsn() {
        Set<RecipientDsn.Notify> events = EnumSet.noneOf(RecipientDsn.Notify.class);
        if (notifyOn != null) {
            Arrays.stream(notifyOn.split(",")).map(RecipientDsn.Notify::valueOf).forEach(events::add);
        }
        return new RecipientDsn(events, originalRecipientType, originalRecipient);
    }

    /** NOTIFY as stored: the events' names, comma-separated; {@code null} when the sender gave none. */
    String notifyOnText() {
        return notifyOn;
    }

    void settle(RecipientState newState, String reply) {
        state = newState;
        lastReply = reply;
    }
}
