package org.passerelle.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope of one transaction: the reverse path, the accepted recipients, the MAIL
 * parameters and what the client asked of delivery status notifications (RFC 3461).
 *
 * <p>{@link #recipientDsn()} runs parallel to {@link #recipients()}: its element {@code i} holds
 * the NOTIFY and ORCPT given with recipient {@code i} ({@link RecipientDsn#NONE} when none were).
 * Use {@link #dsnOf(int)} rather than indexing both lists by hand.
 *
 * @param sender         the reverse path, {@code null} for the null sender {@code <>}
 * @param recipients     the accepted forward paths, in the order given
 * @param mailParameters the other MAIL parameters ({@code SIZE}, {@code BODY}, {@code SMTPUTF8};
 *                       keys upper case, empty value for a keyword without one); the DSN
 *                       parameters are in {@code dsn}, decoded
 * @param dsn            RET and ENVID of MAIL
 * @param recipientDsn   NOTIFY and ORCPT of each recipient, parallel to {@code recipients}
 */
public record Envelope(MailAddress sender, List<MailAddress> recipients, Map<String, String> mailParameters,
                       MessageDsn dsn, List<RecipientDsn> recipientDsn) {

    public Envelope {
        recipients = List.copyOf(recipients);
        mailParameters = Map.copyOf(mailParameters);
        if (dsn == null) {
            throw new IllegalArgumentException("dsn is required; use MessageDsn.NONE");
        }
        recipientDsn = List.copyOf(recipientDsn);
        if (recipientDsn.size() != recipients.size()) {
            throw new IllegalArgumentException("one RecipientDsn per recipient: " + recipientDsn.size()
                    + " for " + recipients.size());
        }
    }

    /** An envelope without DSN parameters. */
    public Envelope(MailAddress sender, List<MailAddress> recipients, Map<String, String> mailParameters) {
        this(sender, recipients, mailParameters, MessageDsn.NONE,
                Collections.nCopies(recipients.size(), RecipientDsn.NONE));
    }

    public static Envelope from(MailAddress sender, Map<String, String> mailParameters) {
        return from(sender, mailParameters, MessageDsn.NONE);
    }

    public static Envelope from(MailAddress sender, Map<String, String> mailParameters, MessageDsn dsn) {
        return new Envelope(sender, List.of(), mailParameters, dsn, List.of());
    }

    public Envelope withRecipient(MailAddress recipient) {
        return withRecipient(recipient, RecipientDsn.NONE);
    }

    public Envelope withRecipient(MailAddress recipient, RecipientDsn notice) {
        List<MailAddress> more = new ArrayList<>(recipients);
        more.add(recipient);
        List<RecipientDsn> moreDsn = new ArrayList<>(recipientDsn);
        moreDsn.add(notice);
        return new Envelope(sender, more, mailParameters, dsn, moreDsn);
    }

    /** The NOTIFY and ORCPT given with the recipient at {@code index} of {@link #recipients()}. */
    public RecipientDsn dsnOf(int index) {
        return recipientDsn.get(index);
    }

    public boolean nullSender() {
        return sender == null;
    }

    /** Whether the client declared SMTPUTF8 (RFC 6531): addresses and headers may hold UTF-8. */
    public boolean smtpUtf8() {
        return mailParameters.containsKey("SMTPUTF8");
    }

    /** The reverse path as written in SMTP, without brackets: empty for the null sender. */
    public String senderText() {
        return sender == null ? "" : sender.toString();
    }
}
