package org.passerelle.smtp;

/**
 * What the connector asks its message-driven endpoint at each SMTP stage.
 * The connector speaks SMTP and nothing else: every decision is a {@link Verdict} returned here.
 */
public interface SmtpSessionListener {

    /**
     * A client connected; a refusal is sent instead of the greeting and the connection closed.
     * On a {@link ListenerMode#SUBMISSIONS} listener TLS is already in force.
     */
    Verdict connect(SmtpSession session);

    /** HELO or EHLO; {@link SmtpSession#heloName()} holds the name the client gave. */
    Verdict helo(SmtpSession session);

    /**
     * AUTH (RFC 4954), only ever asked over TLS: whether these credentials are good. An accepting
     * verdict makes {@link Credentials#userName()} the session's
     * {@link SmtpSession#authenticatedUser()}; a refusal is usually {@code 535 5.7.8}, and a
     * failure to check {@code 454 4.7.0}. The connector delays and counts refusals.
     */
    Verdict auth(SmtpSession session, Credentials credentials);

    /** MAIL FROM; the envelope holds the sender and its parameters, no recipients yet. */
    Verdict mail(SmtpSession session, Envelope envelope);

    /** RCPT TO; the envelope holds the recipients accepted so far, not this one. */
    Verdict rcpt(SmtpSession session, Envelope envelope, MailAddress recipient);

    /**
     * The end of DATA, or the last BDAT chunk: the whole message has been received. An accepting
     * verdict means the message is durable; its text should carry the queue id.
     */
    Verdict data(SmtpSession session, Envelope envelope, MessageContent content);

    /**
     * The connector refused on its own, without asking: a message over the size limit, one with
     * bare line endings or NULs, a non-ASCII address without SMTPUTF8. Told so that the refusal is
     * logged and counted like the endpoint's own; there is nothing to decide.
     *
     * @param envelope the transaction as far as it went (at MAIL, the refused sender and its parameters)
     */
    void refused(SmtpSession session, SmtpStage stage, Envelope envelope, Verdict refusal);
}
