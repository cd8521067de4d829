package org.passerelle.directory;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.passerelle.smtp.MailAddress;

/**
 * An entry of the greylisting allow-list ({@code pslGreylistAllow} under {@code ou=access}): mail
 * it matches is never greylisted. It matches when every criterion it has matches: any of its
 * networks holds the client, any of its sender domains is the sender's, any of its recipients is
 * the recipient (an address) or its domain (a domain or {@code *.domain}).
 */
public record GreylistAllowEntry(String name, List<NetworkRange> networks, List<DomainPattern> senderDomains,
                                 List<String> recipients) {

    public GreylistAllowEntry {
        networks = List.copyOf(networks);
        senderDomains = List.copyOf(senderDomains);
        recipients = recipients.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
        recipients.forEach(GreylistAllowEntry::checkRecipient);
        if (networks.isEmpty() && senderDomains.isEmpty() && recipients.isEmpty()) {
            throw new IllegalArgumentException("greylist allow entry " + name + " has no criterion");
        }
    }

    /** An address ({@code it-desk@corp.test}) or a domain pattern ({@code corp.test}, {@code *.corp.test}). */
    public static void checkRecipient(String recipient) {
        int at = recipient.lastIndexOf('@');
        if (at >= 0) {
            if (at == 0 || recipient.indexOf('@') != at) {
                throw new IllegalArgumentException("not an address or domain: " + recipient);
            }
            new DomainPattern(recipient.substring(at + 1));
        } else {
            new DomainPattern(recipient);
        }
    }

    /** @param sender {@code null} for the null sender, which no sender domain matches */
    public boolean matches(InetAddress client, MailAddress sender, MailAddress recipient) {
        return (networks.isEmpty() || networks.stream().anyMatch(n -> n.contains(client)))
                && (senderDomains.isEmpty() || sender != null && senderDomains.stream().anyMatch(p -> p.matches(sender.domain())))
                && (recipients.isEmpty() || recipients.stream().anyMatch(r -> matchesRecipient(r, recipient)));
    }

    private static boolean matchesRecipient(String listed, MailAddress recipient) {
        return listed.indexOf('@') >= 0 ? listed.equalsIgnoreCase(recipient.toString())
                : new DomainPattern(listed).matches(recipient.domain());
    }
}
