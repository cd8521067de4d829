package org.passerelle.bounce;

import java.time.ZoneId;

import org.apache.james.mime4j.util.MimeUtil;
import org.passerelle.spool.MailDate;

/** The part of a notice written for people: what happened, and to which recipients, in plain words. */
final class NoticeText {

    private NoticeText() {
    }

    static String of(String reportingMta, Notice notice, ZoneId zone) {
        StringBuilder text = new StringBuilder("This is the mail system at host ").append(reportingMta).append(".\r\n\r\n")
                .append(explanation(notice))
                .append("\r\n");
        for (Notice.Entry entry : notice.entries()) {
            text.append(MimeUtil.fold(DeliveryStatusFields.ascii(line(entry.outcome(), zone)), 0)).append("\r\n");
        }
        return text.toString();
    }

    private static String explanation(Notice notice) {
        return switch (notice.kind()) {
            case FAILURE -> "Your message could not be delivered to one or more recipients.\r\n"
                    + (notice.returned() == ReturnedContent.MESSAGE ? "It is attached below.\r\n" : "Its headers are attached below.\r\n");
            case DELAY -> "Your message could not be delivered yet to one or more recipients.\r\n"
                    + "It will be tried again; you do not need to send it again.\r\n";
            case SUCCESS -> "Your message was delivered to the recipients below, or handed on to a\r\n"
                    + "mail system that will not report on its delivery.\r\n";
        };
    }

    private static String line(RecipientOutcome outcome, ZoneId zone) {
        String reply = outcome.remoteMta() == null ? outcome.reply().toString()
                : "host " + outcome.remoteMta() + " said: " + outcome.reply();
        String retry = outcome.willRetryUntil() == null ? ""
                : " (tried again until " + MailDate.format(outcome.willRetryUntil().atZone(zone)) + ")";
        return "<" + outcome.recipient() + ">: " + reply + retry;
    }
}
