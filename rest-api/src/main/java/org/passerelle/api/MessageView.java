package org.passerelle.api;

import java.time.Instant;
import java.util.List;

import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.TrackedMessage;

/** A tracked message as the API shows it; attempts only when one message is asked for. */
public record MessageView(String queueId, Instant receivedAt, String listener, String clientAddress, String heloName,
                          String application, String sender, String messageId, long sizeBytes, String state,
                          Instant stateChangedAt, int attempts, Instant nextAttemptAt, String holdReason,
                          List<RecipientView> recipients, List<AttemptView> history) {

    public record RecipientView(String address, String state, String lastReply) {
    }

    public record AttemptView(Instant attemptedAt, String recipient, String nextHop, int replyCode, String replyText,
                              long durationMillis, String outcome, String tlsProtocol) {
    }

    public static MessageView of(TrackedMessage message, List<DeliveryAttempt> attempts) {
        return new MessageView(message.getQueueId(), message.getReceivedAt(), message.getListener(),
                message.getClientAddress(), message.getHeloName(), message.getApplication(), message.getSender(),
                message.getMessageId(), message.getSizeBytes(), message.getState().name(), message.getStateChangedAt(),
                message.getAttempts(), message.getNextAttemptAt(), message.getHoldReason(),
                message.getRecipients().stream()
                        .map(r -> new RecipientView(r.getAddress(), r.getState().name(), r.getLastReply()))
                        .toList(),
                attempts == null ? null : attempts.stream()
                        .map(a -> new AttemptView(a.getAttemptedAt(), a.getRecipient(), a.getNextHop(), a.getReplyCode(),
                                a.getReplyText(), a.getDurationMillis(), a.getOutcome().name(), a.getTlsProtocol()))
                        .toList());
    }
}
