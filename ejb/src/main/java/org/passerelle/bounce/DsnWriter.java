package org.passerelle.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;

import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.passerelle.smtp.MailAddress;
import org.passerelle.tracking.TrackedMessage;

/**
 * Writes a delivery status notification (RFC 3464): a {@code multipart/report} of
 * {@code report-type=delivery-status} (RFC 6522) holding a text for people, the
 * {@code message/delivery-status} fields, and the message or its headers, from
 * {@code MAILER-DAEMON} to the message's sender. The returned content is copied from the stored
 * message as the notice is written, never held whole.
 */
public final class DsnWriter {

    private static final String SEVEN_BIT = "7bit";
    private static final String EIGHT_BIT = "8bit";

    private final String reportingMta;

    /** @param reportingMta the host name of this gateway, which the notice comes from */
    public DsnWriter(String reportingMta) {
        this.reportingMta = reportingMta;
    }

    /**
     * @param message  the message the notice is about; its sender must not be the null sender
     * @param original the stored message, read once while the notice is written
     * @param eightBit whether what the notice returns of it holds 8-bit octets
     *                 ({@link ReturnedContent#hasEightBit})
     */
    public void write(TrackedMessage message, Notice notice, InputStream original, boolean eightBit, ZonedDateTime now,
                      OutputStream out) throws IOException {
        String encoding = eightBit ? EIGHT_BIT : SEVEN_BIT;
        MultipartBuilder report = MultipartBuilder.create("report")
                .addContentTypeParameter(new NameValuePair("report-type", "delivery-status"))
                .setPreamble("This is a MIME-encapsulated message.")
                .addBodyPart(BodyPartBuilder.create()
                        .setBody(NoticeText.of(reportingMta, notice, now.getZone()), "plain", StandardCharsets.US_ASCII)
                        .setContentTransferEncoding(SEVEN_BIT)
                        .setField(new RawField("Content-Description", "Notification")))
                .addBodyPart(BodyPartBuilder.create()
                        .setBody(DeliveryStatusFields.of(reportingMta, message, notice, now.getZone()), StandardCharsets.US_ASCII)
                        .setContentType("message/delivery-status")
                        .setContentTransferEncoding(SEVEN_BIT)
                        .setField(new RawField("Content-Description", "Delivery report")))
                .addBodyPart(BodyPartBuilder.create()
                        .setBody(new ReturnedBody(notice.returned().select(original)))
                        .setContentType(notice.returned().mediaType())
                        .setContentTransferEncoding(encoding)
                        .setField(new RawField("Content-Description", notice.returned().description())));
        MailAddress sender = MailAddress.parse(message.getSender());
        Message dsn = Message.Builder.of()
                .setFrom(new Mailbox("Mail Delivery System", "MAILER-DAEMON", reportingMta))
                .setTo(new Mailbox(sender.localPart(), sender.domain()))
                .setSubject(notice.kind().subject())
                .setDate(Date.from(now.toInstant()), TimeZone.getTimeZone(now.getZone()))
                .generateMessageId(reportingMta)
                // RFC 3834: written by a machine, in answer to a message; no one should answer it in turn
                .setField(new RawField("Auto-Submitted", "auto-replied"))
                .setBody(report.build())
                .setContentTransferEncoding(encoding)
                .build();
        new DefaultMessageWriter().writeMessage(dsn, out);
    }
}
