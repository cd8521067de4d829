package org.passerelle.smtp;

/**
 * What the connector asks its message-driven endpoint at each SMTP stage.
 * The connector speaks SMTP and nothing else: every decision is a {@link Verdict} returned here.
 */
public interface SmtpSessionListener {

    /** A client connected; a refusal is sent instead of the greeting and the connection closed. */
    Verdict connect(SmtpSession session);

    /** HELO or EHLO; {@link SmtpSession#heloName()} holds the name the client gave. */
    Verdict helo(SmtpSession session);

    /** MAIL FROM; the envelope holds the sender and its parameters, no recipients yet. */
    Verdict mail(SmtpSession session, Envelope envelope);

    /** RCPT TO; the envelope holds the recipients accepted so far, not this one. */
    Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient);

    /**
     * The end of DATA: the whole message has been received. An accepting verdict means the message
     * is durable; its text should carry the queue id.
     */
    Verdict data(SmtpSession session, Envelope envelope, MessageContent content);
}
