package org.passerelle.api;

import java.time.Instant;
import java.util.List;

import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.SessionVerdict;
import org.passerelle.tracking.TrackedMessage;

/**
 * A tracked message as the API shows it; its attempts, the policy decisions of its session and the
 * notices sent about it only when one message is asked for.
 */
public record MessageView(String queueId, Instant receivedAt, String listener, String clientAddress, String heloName,
                          String application, String sender, String messageId, long sizeBytes, String state,
                          Instant stateChangedAt, int attempts, Instant nextAttemptAt, String holdReason, String noticeOf,
                          List<RecipientView> recipients, List<AttemptView> history, List<SessionVerdict> policyVerdicts,
                          List<String> notices) {

    public record RecipientView(String address, String state, String lastReply) {
    }

    public record AttemptView(Instant attemptedAt, String recipient, String nextHop, int replyCode, String replyText,
                              long durationMillis, String outcome, String tlsProtocol) {
    }

    /** One message of a list ({@code attempts} null), or one with its attempts. */
    public static MessageView of(TrackedMessage message, List<DeliveryAttempt> attempts) {
        return of(message, attempts, null);
    }

    /** One message with its attempts and the notices sent about it. */
    public static MessageView of(TrackedMessage message, List<DeliveryAttempt> attempts, List<TrackedMessage> notices) {
        boolean whole = attempts != null;
        return new MessageView(message.getQueueId(), message.getReceivedAt(), message.getListener(),
                message.getClientAddress(), message.getHeloName(), message.getApplication(), message.getSender(),
                message.getMessageId(), message.getSizeBytes(), message.getState().name(), message.getStateChangedAt(),
                message.getAttempts(), message.getNextAttemptAt(), message.getHoldReason(), message.getNoticeOf(),
                message.getRecipients().stream()
                        .map(r -> new RecipientView(r.getAddress(), r.getState().name(), r.getLastReply()))
                        .toList(),
                attempts == null ? null : attempts.stream()
                        .map(a -> new AttemptView(a.getAttemptedAt(), a.getRecipient(), a.getNextHop(), a.getReplyCode(),
                                a.getReplyText(), a.getDurationMillis(), a.getOutcome().name(), a.getTlsProtocol()))
                        .toList(),
                whole ? message.getPolicyVerdicts() : null,
                whole && notices != null ? notices.stream().map(TrackedMessage::getQueueId).toList() : null);
    }
}
