package org.passerelle.rate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.RawField;
import org.passerelle.smtp.MailAddress;

/** The plain-text mail telling operations of a rate alert: what was counted, the threshold, and what follows. */
final class RateAlertNotice {

    private RateAlertNotice() {
    }

    static String body(RateAlert alert, String hostname, Instant at) {
        return alert.text() + "\n\n"
                + "Counted:    " + alert.count() + " " + alert.key().kind().key() + " in the sliding hour to " + at + "\n"
                + "Threshold:  " + alert.threshold() + "\n"
                + "Gateway:    " + hostname + "\n\n"
                + "No other alert of this kind is sent about " + alert.key().subject() + " within the hour.\n"
                + "The busiest clients and applications: GET /api/v1/rates (docs/rates.md).\n";
    }

    /** The whole message, CRLF line ends, ready for the spool. */
    static byte[] message(RateAlert alert, MailAddress operations, String hostname, Instant at) {
        try {
            Message message = Message.Builder.of()
                    .setFrom(new Mailbox("Passerelle rate watch", operations.localPart(), operations.domain()))
                    .setTo(new Mailbox(operations.localPart(), operations.domain()))
                    .setSubject(alert.subjectLine())
                    .setDate(Date.from(at), TimeZone.getTimeZone("UTC"))
                    .setMessageId("<rate-" + alert.level().key() + "-" + UUID.randomUUID() + "@" + hostname + ">")
                    // RFC 3834: written by a machine; no one should answer it automatically
                    .setField(new RawField("Auto-Submitted", "auto-generated"))
                    .setBody(body(alert, hostname, at).replace("\n", "\r\n"), "plain", StandardCharsets.UTF_8)
                    .setContentTransferEncoding("quoted-printable")
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(message, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the notice of a rate alert failed", e);
        }
    }
}
