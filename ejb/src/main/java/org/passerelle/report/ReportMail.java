package org.passerelle.report;

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
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.passerelle.smtp.MailAddress;

/**
 * The mail that takes a monthly report to an application's managers and owners: a few lines of
 * text with the application's figures, and the report as a PDF attachment (mime4j, base64), marked
 * {@code Auto-Submitted} like Passerelle's other notices.
 */
final class ReportMail {

    private ReportMail() {
    }

    static String subject(MonthlyReport report, String application) {
        return "Passerelle monthly report " + report.month() + ": " + application;
    }

    static String fileName(MonthlyReport report) {
        return "passerelle-report-" + report.month() + "-" + report.site() + ".pdf";
    }

    static byte[] write(MonthlyReport report, String application, String requestedBy, MailAddress from, List<MailAddress> to,
                        Instant now, String hostname) {
        StringBuilder text = new StringBuilder();
        text.append("The monthly report of the mail gateway for ").append(report.month()).append(" is attached, with the figures of ")
                .append(application).append(" (").append(MonthlyReport.ALL_SITES.equals(report.site()) ? "all gateway sites" : "gateway site "
                        + report.site()).append(").\n\n");
        report.applications().stream().filter(a -> a.name().equals(application)).findFirst().ifPresent(app -> text
                .append("Messages in ").append(report.month()).append(": ").append(app.thisMonth()).append('\n')
                .append("The month before:  ").append(app.previousMonth()).append('\n'));
        text.append("\nSent at the request of ").append(requestedBy).append(" to the managers and owners of ").append(application).append(".\n");
        try {
            MultipartBuilder parts = MultipartBuilder.create("mixed")
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(text.toString().replace("\n", "\r\n"), "plain", StandardCharsets.UTF_8)
                            .setContentTransferEncoding("quoted-printable"))
                    .addBodyPart(BodyPartBuilder.create()
                            .setBody(ReportPdf.render(report), "application/pdf")
                            .setContentTransferEncoding("base64")
                            .setContentDisposition("attachment", fileName(report)));
            Message message = Message.Builder.of()
                    .setFrom(new Mailbox("Passerelle reports", from.localPart(), from.domain()))
                    .setTo(to.stream().map(recipient -> new Mailbox(recipient.localPart(), recipient.domain())).toList())
                    .setSubject(subject(report, application))
                    .setDate(Date.from(now), TimeZone.getTimeZone("UTC"))
                    .setMessageId("<report-" + report.month() + "-" + UUID.randomUUID() + "@" + hostname + ">")
                    .setField(new RawField("Auto-Submitted", "auto-generated"))
                    .setBody(parts.build())
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DefaultMessageWriter().writeMessage(message, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report mail failed", e);
        }
    }
}
