package org.passerelle.bounce;

import java.time.Instant;
import java.time.ZoneId;

import org.apache.james.mime4j.util.MimeUtil;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.spool.MailDate;
import org.passerelle.tracking.TrackedMessage;

/**
 * The machine-readable part of a notice, {@code message/delivery-status} (RFC 3464 §2): the fields
 * about the message, then one group of fields per recipient, groups parted by an empty line.
 */
final class DeliveryStatusFields {

    private final StringBuilder fields = new StringBuilder();
    private final ZoneId zone;

    private DeliveryStatusFields(ZoneId zone) {
        this.zone = zone;
    }

    static String of(String reportingMta, TrackedMessage message, Notice notice, ZoneId zone) {
        DeliveryStatusFields report = new DeliveryStatusFields(zone);
        report.field("Reporting-MTA", "dns; " + reportingMta);
        if (message.getDsn().envelopeId() != null) {
            report.field("Original-Envelope-Id", message.getDsn().envelopeId());
        }
        if (message.getHeloName() != null) {
            report.field("Received-From-MTA", "dns; " + message.getHeloName());
        }
        report.field("Arrival-Date", report.date(message.getReceivedAt()));
        notice.entries().forEach(report::recipient);
        return report.fields.toString();
    }

    private void recipient(Notice.Entry entry) {
        RecipientOutcome outcome = entry.outcome();
        RecipientDsn request = entry.request();
        fields.append("\r\n");
        if (request.originalRecipient() != null) {
            field("Original-Recipient", request.originalRecipientType() + "; " + request.originalRecipient());
        }
        field("Final-Recipient", "rfc822; " + outcome.recipient());
        field("Action", outcome.action().fieldValue());
        field("Status", outcome.status());
        if (outcome.remoteMta() != null) {
            field("Remote-MTA", "dns; " + outcome.remoteMta());
            field("Diagnostic-Code", "smtp; " + outcome.reply());
        }
        field("Last-Attempt-Date", date(outcome.lastAttempt()));
        if (outcome.willRetryUntil() != null) {
            field("Will-Retry-Until", date(outcome.willRetryUntil()));
        }
    }

    /** One field, folded at white space to keep lines short. */
    private void field(String name, String value) {
        fields.append(MimeUtil.fold(name + ": " + ascii(value), 0)).append("\r\n");
    }

    /**
     * The text in printable US-ASCII, which is all a {@code message/delivery-status} part may hold
     * (RFC 3464 §2.1); anything else, such as an internationalised address, is shown as {@code ?}.
     */
    static String ascii(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(c -> printable.append(c >= ' ' && c <= '~' ? (char) c : '?'));
        return printable.toString();
    }

    private String date(Instant when) {
        return MailDate.format(when.atZone(zone));
    }
}
