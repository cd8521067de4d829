package org.passerelle.smtp.client;

import java.util.List;

/**
 * The outcome of one mail transaction, recipient by recipient in envelope order, and the TLS
 * protocol the connection used ({@code null} in plain text).
 */
public record DeliveryResult(List<RecipientResult> recipients, String tlsProtocol) {

    public DeliveryResult {
        recipients = List.copyOf(recipients);
    }

    /** Every recipient of the transaction decided by the same reply, over no connection. */
    public static DeliveryResult sameForAll(MailTransaction transaction, SmtpReply reply) {
        return new DeliveryResult(transaction.recipients().stream().map(r -> new RecipientResult(r, reply)).toList(), null);
    }

    public boolean tls() {
        return tlsProtocol != null;
    }
}
