package org.passerelle.directory;

import java.util.List;
import java.util.Locale;

import org.passerelle.smtp.MailAddress;

/**
 * A mail domain the gateway takes mail for: {@code local} domains have their recipients in the
 * directory, {@code relay} domains are passed on to their next hop.
 *
 * @param nextHop         the domain's default next hop ({@code [host]:port}), or {@code null}
 * @param tlsPolicy       the TLS policy of deliveries to that next hop as written ({@code pslTlsPolicy}),
 *                        or {@code null} for the SMTP client's default
 * @param relayRecipients the recipients a {@code relay} domain takes mail for (Postfix's
 *                        {@code relay_recipient_maps}): addresses, or {@code @domain} for every
 *                        address of the domain; in lower case
 * @param senderForms     its naming plan: the forms application senders in it must have; none, no plan
 */
public record ManagedDomain(String name, Kind kind, String nextHop, String tlsPolicy, List<String> relayRecipients,
                            List<SenderForm> senderForms) {

    public enum Kind {
        LOCAL, RELAY;

        public static Kind of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public ManagedDomain {
        name = name.toLowerCase(Locale.ROOT);
        relayRecipients = relayRecipients.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
        senderForms = List.copyOf(senderForms);
    }

    /** A domain without a naming plan. */
    public ManagedDomain(String name, Kind kind, String nextHop, String tlsPolicy, List<String> relayRecipients) {
        this(name, kind, nextHop, tlsPolicy, relayRecipients, List.of());
    }

    /** A domain whose next hop, if any, takes the SMTP client's default TLS policy, and with no relay recipient list. */
    public ManagedDomain(String name, Kind kind, String nextHop) {
        this(name, kind, nextHop, null, List.of(), List.of());
    }

    /**
     * Whether {@code domain} is this domain or one of its subdomains: the one rule by which both
     * the relay policy and the application checks decide that a sender belongs to a managed domain.
     */
    public boolean covers(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        return candidate.equals(name) || candidate.endsWith("." + name);
    }

    /** Whether the relay recipient list names this address, or holds {@code @domain} for its whole domain. */
    public boolean listsRelayRecipient(MailAddress recipient) {
        String address = recipient.toString().toLowerCase(Locale.ROOT);
        String wholeDomain = "@" + recipient.domain().toLowerCase(Locale.ROOT);
        return relayRecipients.contains(address) || relayRecipients.contains(wholeDomain);
    }
}
