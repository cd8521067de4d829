package org.passerelle.spool;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.SmtpSession;

/** The trace header Passerelle prepends to every message it queues (RFC 5321 §4.4). */
public final class ReceivedHeader {

    private ReceivedHeader() {
    }

    /** For a message received over SMTP: the client, its greeting and the protocol it spoke. */
    public static byte[] of(SmtpSession session, Envelope envelope, QueueId id, String hostName, ZonedDateTime when) {
        String helo = session.heloName() == null ? "unknown" : session.heloName();
        String from = "from " + helo + " ([" + session.client().getAddress().getHostAddress() + "])\r\n\t";
        return trace(from, " with " + protocol(session), envelope, id, hostName, when);
    }

    /**
     * For a message Passerelle writes itself, such as a delivery status notification: there is no
     * client, so only where and when it entered the mail system, as Postfix traces its own notices.
     */
    public static byte[] local(Envelope envelope, QueueId id, String hostName, ZonedDateTime when) {
        return trace("", "", envelope, id, hostName, when);
    }

    private static byte[] trace(String from, String with, Envelope envelope, QueueId id, String hostName, ZonedDateTime when) {
        StringBuilder header = new StringBuilder("Received: ").append(from)
                .append("by ").append(hostName).append(" (Passerelle)").append(with)
                .append(" id ").append(id).append("\r\n");
        // naming the recipient is only safe when there is one: several would disclose each other
        if (envelope.recipients().size() == 1) {
            header.append("\tfor <").append(envelope.recipients().get(0)).append(">");
        }
        header.append("; ").append(MailDate.format(when)).append("\r\n");
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The protocol keyword of RFC 3848: ESMTP, with S under TLS and A after AUTH. */
    private static String protocol(SmtpSession session) {
        if (!session.esmtp()) {
            return "SMTP";
        }
        return "ESMTP" + (session.tlsActive() ? "S" : "") + (session.authenticated() ? "A" : "");
    }
}
