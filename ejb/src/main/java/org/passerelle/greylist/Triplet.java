package org.passerelle.greylist;

import java.net.InetAddress;
import java.util.Locale;

import org.passerelle.directory.NetworkRange;
import org.passerelle.smtp.MailAddress;

/**
 * What greylisting remembers of a delivery attempt: the client's network, the envelope sender and
 * the recipient, normalised so that the retries of one message, from another address of the same
 * mail farm or with a new bounce tag, are recognised as the same triplet.
 *
 * @param network the client's network, {@code 192.0.2.0/24}
 * @param sender the normalised sender ({@link SenderKey}), empty for the null sender
 * @param recipient the recipient, lower-cased
 */
public record Triplet(String network, String sender, String recipient) {

    /** @param sender {@code null} for the null sender */
    public static Triplet of(InetAddress client, MailAddress sender, MailAddress recipient, int ipv4Prefix, int ipv6Prefix) {
        return new Triplet(NetworkRange.enclosing(client, ipv4Prefix, ipv6Prefix).toString(), SenderKey.of(sender),
                recipient.toString().toLowerCase(Locale.ROOT));
    }
}
