package org.passerelle.spool;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.SmtpSession;

/** The trace header Passerelle prepends to every message it accepts (RFC 5321 §4.4). */
public final class ReceivedHeader {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    public static byte[] of(SmtpSession session, Envelope envelope, QueueId id, String hostName, ZonedDateTime when) {
        String helo = session.heloName() == null ? "unknown" : session.heloName();
        StringBuilder header = new StringBuilder()
                .append("Received: from ").append(helo)
                .append(" ([").append(session.client().getAddress().getHostAddress()).append("])\r\n")
                .append("\tby ").append(hostName).append(" (Passerelle) with ").append(protocol(session))
                .append(" id ").append(id).append("\r\n");
        // naming the recipient is only safe when there is one: several would disclose each other
        if (envelope.recipients().size() == 1) {
            header.append("\tfor <").append(envelope.recipients().get(0)).append(">");
        }
        header.append("; ").append(RFC_5322_DATE.format(when)).append("\r\n");
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
