package org.passerelle.quarantine;

import java.time.Instant;
import java.util.List;

import org.passerelle.spool.Spool;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.TrackedMessage;

/**
 * A message in quarantine as the list shows it: why it is there (a virus, an attachment, a spam
 * score, outbreak mode) and when it expires.
 */
public record QuarantinedMessage(String queueId, Instant receivedAt, String sender, List<String> recipients, String application,
                                 String reason, boolean virus, long sizeBytes, Instant expiresAt) {

    static QuarantinedMessage of(TrackedMessage message, int days) {
        String reason = reason(message);
        return new QuarantinedMessage(message.getQueueId(), message.getReceivedAt(), message.getSender(),
                message.getRecipients().stream().map(Recipient::getAddress).toList(), message.getApplication(), reason,
                reason.startsWith(QuarantineRules.VIRUS), message.getSizeBytes(),
                message.getReceivedAt().plus(java.time.Duration.ofDays(days)));
    }

    /** A message that left the quarantine: no reason, no expiry. */
    static QuarantinedMessage released(TrackedMessage message) {
        return new QuarantinedMessage(message.getQueueId(), message.getReceivedAt(), message.getSender(),
                message.getRecipients().stream().map(Recipient::getAddress).toList(), message.getApplication(), null, false,
                message.getSizeBytes(), null);
    }

    static String reason(TrackedMessage message) {
        return message.getHoldReason().substring(Spool.QUARANTINE_PREFIX.length());
    }
}
