package org.passerelle.smtp.client.protocol;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.smtp.client.TlsPolicy;

/**
 * The replies the SMTP client makes up when the next hop gave none to quote, with RFC 3463
 * enhanced status codes. Those that concern the connection, not the message, are temporary, so
 * that the message is tried again.
 */
public final class ClientReplies {

    private ClientReplies() {
    }

    public static SmtpReply noAnswer(NextHop hop, IOException cause) {
        return SmtpReply.of(451, "4.4.1 no answer from " + hop + ": " + reason(cause));
    }

    public static SmtpReply connectionLost(NextHop hop, IOException cause) {
        return SmtpReply.of(451, "4.4.2 lost connection with " + hop + ": " + reason(cause));
    }

    public static SmtpReply noFreeConnection(NextHop hop, Duration waited) {
        return SmtpReply.of(451, "4.4.5 no free connection to " + hop + " within " + waited.toSeconds() + "s");
    }

    static SmtpReply tlsNotOffered(NextHop hop, TlsPolicy policy) {
        return SmtpReply.of(451, "4.7.4 TLS is required (policy " + policy.level().name().toLowerCase(Locale.ROOT)
                + "), but was not offered by " + hop);
    }

    static SmtpReply tlsRefused(NextHop hop, TlsPolicy policy, SmtpReply reply) {
        return SmtpReply.of(451, "4.7.4 TLS is required (policy " + policy.level().name().toLowerCase(Locale.ROOT)
                + "), but " + hop + " refused STARTTLS: " + reply);
    }

    /** A handshake that failed, a certificate that {@code verify} or {@code fingerprint} refused included. */
    static SmtpReply tlsFailed(NextHop hop, TlsPolicy policy, IOException cause) {
        return SmtpReply.of(451, "4.7.5 TLS is required (policy " + policy.level().name().toLowerCase(Locale.ROOT)
                + "), but the handshake with " + hop + " failed: " + reason(cause));
    }

    static SmtpReply tooBig(NextHop hop, long size, long limit) {
        return SmtpReply.of(552, "5.3.4 message of " + size + " octets exceeds the limit of " + hop + " (" + limit + ")");
    }

    static SmtpReply smtpUtf8NotOffered(NextHop hop) {
        return SmtpReply.of(550, "5.6.7 SMTPUTF8 is required, but was not offered by " + hop);
    }

    private static String reason(IOException cause) {
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
