package org.passerelle.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.RawField;
import org.passerelle.smtp.MailAddress;

/**
 * A plain-text notice Passerelle writes to people (a change request's transition, a rate alert),
 * ready for {@link Spool#submit}: CRLF line ends, marked {@code Auto-Submitted}. Written with
 * mime4j, which encodes non-ASCII text (names, comments) as MIME requires.
 *
 * @param author the display name of the sender, such as "Passerelle change requests"
 * @param kind the start of the Message-ID's local part, such as {@code change-request-42}
 */
public record PlainTextNotice(String author, MailAddress from, List<MailAddress> to, String subject, Instant date, String kind,
                              String body) {

    public byte[] write(String hostname) {
        try {
            Message message = Message.Builder.of()
                    .setFrom(new Mailbox(author, from.localPart(), from.domain()))
                    .setTo(to.stream().map(recipient -> new Mailbox(recipient.localPart(), recipient.domain())).toList())
                    .setSubject(subject)
                    .setDate(Date.from(date), TimeZone.getTimeZone("UTC"))
                    .setMessageId("<" + kind + "-" + UUID.randomUUID() + "@" + hostname + ">")
                    // RFC 3834: written by a machine; no one should answer it automatically
                    .setField(new RawField("Auto-Submitted", "auto-generated"))
                    .setBody(body.replace("\n", "\r\n"), "plain", StandardCharsets.UTF_8)
                    .setContentTransferEncoding("quoted-printable")
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(message, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the notice \"" + subject + "\" failed", e);
        }
    }
}
