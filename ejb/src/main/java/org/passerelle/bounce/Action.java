package org.passerelle.bounce;

import java.util.Locale;

/** What became of a recipient, in the words of a notice's {@code Action} field (RFC 3464 §2.3.3). */
public enum Action {
    /** Will not be delivered: a permanent refusal, or the queue lifetime ran out. */
    FAILED,
    /** Not delivered yet; still being retried. */
    DELAYED,
    /** Delivered to the recipient's mailbox by this mail system. */
    DELIVERED,
    /**
     * Handed to a next hop that does not offer DSN, so no later notice will come. A next hop that
     * offers DSN takes the request over with the message (RFC 3461 §5.2.1) and nothing is reported here.
     */
    RELAYED;

    public String fieldValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
