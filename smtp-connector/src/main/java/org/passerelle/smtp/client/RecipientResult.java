package org.passerelle.smtp.client;

/**
 * What became of one recipient: the reply that decided it, which is its {@code RCPT} refusal,
 * the reply to the end of data, or a reply the client made up when the next hop gave none.
 */
public record RecipientResult(Recipient recipient, SmtpReply reply) {
}
