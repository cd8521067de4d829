package org.passerelle.smtp.client;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.passerelle.smtp.MailAddress;

/**
 * One message for one next hop, as RFC 5321 §3.3 calls it a mail transaction: the envelope, what
 * the next hop must support to take it, and the content, read once, while it is sent.
 *
 * @param sender       the reverse path, {@code null} for the null sender {@code <>}
 * @param content      the message, lines ending in CRLF, not dot-stuffed
 * @param size         its length in octets, declared with {@code SIZE=}
 * @param body         whether the body holds 8-bit text
 * @param smtpUtf8     whether the headers hold UTF-8 (RFC 6532); an envelope address beyond ASCII implies it
 * @param dsnReturn    {@code RET=}, or {@code null}
 * @param envelopeId   {@code ENVID=}, or {@code null}
 */
public record MailTransaction(MailAddress sender, List<Recipient> recipients, InputStream content, long size,
                              BodyType body, boolean smtpUtf8, DsnReturn dsnReturn, String envelopeId) {

    public MailTransaction {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a mail transaction needs a recipient");
        }
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(body, "body");
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
    }

    /** A 7-bit message without DSN parameters. */
    public static MailTransaction of(MailAddress sender, List<Recipient> recipients, InputStream content, long size) {
        return new MailTransaction(sender, recipients, content, size, BodyType.SEVEN_BIT, false, null, null);
    }

    public MailTransaction withBody(BodyType newBody, boolean newSmtpUtf8) {
        return new MailTransaction(sender, recipients, content, size, newBody, newSmtpUtf8, dsnReturn, envelopeId);
    }

    public MailTransaction withDsn(DsnReturn newReturn, String newEnvelopeId) {
        return new MailTransaction(sender, recipients, content, size, body, smtpUtf8, newReturn, newEnvelopeId);
    }

    /** Whether only a next hop that offers SMTPUTF8 may take this message (RFC 6531 §3.2). */
    public boolean needsSmtpUtf8() {
        return smtpUtf8 || Stream.concat(Stream.ofNullable(sender), recipients.stream().map(Recipient::address))
                .anyMatch(address -> !address.toString().chars().allMatch(c -> c < 128));
    }

    /** The reverse path as written in SMTP, without brackets: empty for the null sender. */
    public String senderText() {
        return sender == null ? "" : sender.toString();
    }
}
