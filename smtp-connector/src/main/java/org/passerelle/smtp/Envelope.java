package org.passerelle.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope of one transaction: the reverse path, the accepted recipients and the
 * MAIL parameters (SIZE, BODY, ...; keys upper case).
 *
 * @param sender the reverse path, {@code null} for the null sender {@code <>}
 */
public record Envelope(MailAddress sender, List<MailAddress> recipients, Map<String, String> mailParameters) {

    public Envelope {
        recipients = List.copyOf(recipients);
        mailParameters = Map.copyOf(mailParameters);
    }

    public static Envelope from(MailAddress sender, Map<String, String> mailParameters) {
        return new Envelope(sender, List.of(), mailParameters);
    }

    public Envelope withRecipient(MailAddress recipient) {
        List<MailAddress> more = new ArrayList<>(recipients);
        more.add(recipient);
        return new Envelope(sender, more, mailParameters);
    }

    public boolean nullSender() {
        return sender == null;
    }

    /** The reverse path as written in SMTP, without brackets: empty for the null sender. */
    public String senderText() {
        return sender == null ? "" : sender.toString();
    }
}
