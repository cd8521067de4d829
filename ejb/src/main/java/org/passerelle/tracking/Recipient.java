package org.passerelle.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One envelope recipient of a tracked message, with its own state and the last reply about it. */
@Embeddable
public class Recipient {

    @Column(name = "address", nullable = false, length = 320)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private RecipientState state;

    @Column(name = "last_reply", length = 1000)
    private String lastReply;

    protected Recipient() {
    }

    public Recipient(String address) {
        this.address = address;
        this.state = RecipientState.PENDING;
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

    void settle(RecipientState newState, String reply) {
        state = newState;
        lastReply = reply;
    }
}
