package org.passerelle.bounce;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.passerelle.smtp.client.SmtpReply;

/**
 * What became of one recipient of a message at one delivery event, as a notice reports it
 * (RFC 3464 §2.3).
 *
 * @param recipient      the recipient's address as the message is tracked with it ({@code Final-Recipient})
 * @param action         what became of it
 * @param status         the RFC 3463 status code, e.g. {@code 5.1.1}
 * @param reply          the reply that decided: the next hop's, or one the SMTP client made up
 *                       when there was none to quote
 * @param remoteMta      the next hop whose reply it is; {@code null} when none answered, and then
 *                       the reply is not quoted as a {@code Diagnostic-Code}
 * @param lastAttempt    when the recipient was last tried
 * @param willRetryUntil for a delayed recipient, until when it is retried; {@code null} otherwise
 */
public record RecipientOutcome(String recipient, Action action, String status, SmtpReply reply, String remoteMta,
                               Instant lastAttempt, Instant willRetryUntil) {

    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    /** An enhanced status code at the start of a reply's text (RFC 2034). */
    private static final Pattern REPLY_STATUS = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s.*)?", Pattern.DOTALL);

    public RecipientOutcome {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        if (status == null || !STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("not an RFC 3463 status code: " + status);
        }
        if (willRetryUntil != null && action != Action.DELAYED) {
            throw new IllegalArgumentException("only a delayed recipient is retried");
        }
    }

    /**
     * The outcome a reply decided, its status read from the reply's enhanced status code: a failure
     * after temporary replies, when the queue lifetime ran out, keeps the last one's {@code 4.x.x},
     * as Postfix reports it, so the sender sees why it never went through.
     */
    public static RecipientOutcome of(String recipient, Action action, SmtpReply reply, String remoteMta, Instant lastAttempt) {
        return new RecipientOutcome(recipient, action, statusOf(reply), reply, remoteMta, lastAttempt, null);
    }

    /** This delayed outcome, retried until then. */
    public RecipientOutcome retriedUntil(Instant until) {
        return new RecipientOutcome(recipient, action, status, reply, remoteMta, lastAttempt, until);
    }

    /** The reply's enhanced status code when it gives one of its own class, else the class's {@code X.0.0}. */
    static String statusOf(SmtpReply reply) {
        int replyClass = reply.positive() ? 2 : reply.code() / 100;
        Matcher given = REPLY_STATUS.matcher(reply.lines().get(0));
        if (given.matches() && given.group(1).charAt(0) - '0' == replyClass) {
            return given.group(1);
        }
        return replyClass + ".0.0";
    }
}
