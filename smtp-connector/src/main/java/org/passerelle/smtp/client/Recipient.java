package org.passerelle.smtp.client;

import java.util.Objects;
import java.util.Set;

import org.passerelle.smtp.MailAddress;

/**
 * One forward path of a mail transaction and its DSN parameters (RFC 3461), sent only to next
 * hops that offer DSN.
 *
 * @param notifyOn          when to notify ({@code NOTIFY=}); empty when the sender did not say
 * @param originalRecipient the address the sender gave ({@code ORCPT=rfc822;...}), or {@code null}
 */
public record Recipient(MailAddress address, Set<DsnNotify> notifyOn, String originalRecipient) {

    public Recipient {
        Objects.requireNonNull(address, "address");
        notifyOn = Set.copyOf(notifyOn);
        if (notifyOn.contains(DsnNotify.NEVER) && notifyOn.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER excludes the other values");
        }
    }

    public static Recipient of(MailAddress address) {
        return new Recipient(address, Set.of(), null);
    }
}
