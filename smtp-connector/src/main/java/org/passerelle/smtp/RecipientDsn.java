package org.passerelle.smtp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the client asked of delivery status notifications for one recipient, with the
 * {@code NOTIFY} and {@code ORCPT} parameters of RCPT (RFC 3461 §4.1, §4.2).
 *
 * @param notifyOn            the events to report; empty when not asked, which RFC 3461 §4.1
 *                            reads as {@code FAILURE,DELAY}; {@link Notify#NEVER} is always alone
 * @param originalRecipientType the address type of ORCPT (e.g. {@code rfc822}), {@code null} without ORCPT
 * @param originalRecipient   the original recipient, xtext-decoded, {@code null} without ORCPT
 */
public record RecipientDsn(Set<Notify> notifyOn, String originalRecipientType, String originalRecipient) {

    /** No DSN parameter on RCPT. */
    public static final RecipientDsn NONE = new RecipientDsn(Set.of(), null, null);

    public enum Notify { NEVER, SUCCESS, FAILURE, DELAY }

    public RecipientDsn {
        // in RFC 3461 order, so that it reads the same every time
        notifyOn = notifyOn.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(notifyOn));
        if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values");
        }
        if ((originalRecipientType == null) != (originalRecipient == null)) {
            throw new IllegalArgumentException("ORCPT needs both an address type and an address");
        }
    }

    /** Whether a notice is wanted for this event, reading an absent NOTIFY as RFC 3461 §4.1 says. */
    public boolean wants(Notify event) {
        Objects.requireNonNull(event, "event");
        if (notifyOn.isEmpty()) {
            return event == Notify.FAILURE || event == Notify.DELAY;
        }
        return notifyOn.contains(event);
    }
}
