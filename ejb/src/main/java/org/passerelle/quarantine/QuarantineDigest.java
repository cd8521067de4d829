package org.passerelle.quarantine;

import java.time.Instant;
import java.util.List;

/** The daily mail to operations: what is in quarantine, why, and until when. */
public final class QuarantineDigest {

    private QuarantineDigest() {
    }

    public static String subject(List<QuarantinedMessage> messages, String hostname) {
        return "Quarantine of " + hostname + ": " + messages.size() + (messages.size() == 1 ? " message" : " messages");
    }

    public static String body(List<QuarantinedMessage> messages, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append(messages.isEmpty() ? "The quarantine is empty.\n" : "In quarantine on " + now + ":\n\n");
        for (QuarantinedMessage message : messages) {
            text.append(message.queueId()).append("  ").append(message.receivedAt()).append("  from <").append(message.sender())
                    .append("> to ").append(message.recipients()).append('\n')
                    .append("    ").append(message.reason()).append("; deleted after ").append(message.expiresAt()).append('\n');
        }
        text.append("\nRelease (after a new virus scan), delete or download them in the console's Quarantine page or with /api/v1/quarantine.\n");
        return text.toString();
    }
}
