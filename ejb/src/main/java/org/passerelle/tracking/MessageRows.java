package org.passerelle.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * Writes tracking rows with plain JDBC, on the caller's connection and transaction, where a message
 * goes through: a newly accepted message's rows, and where a delivery round left its messages.
 * Hibernate's persist and flush made these writes several times dearer in CPU than the statements
 * themselves (measured; see docs/performance.md). Every other write goes through the
 * {@link TrackedMessage} entity, whose mapping these columns follow.
 */
public final class MessageRows {

    private MessageRows() {
    }

    public static void insert(Connection connection, TrackedMessage message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                + " helo_name, sender, sender_search, message_id, size_bytes, eight_bit_mime, smtputf8, dsn_ret, envelope_id, state,"
                + " state_changed_at, attempts, next_attempt_at, delay_notified, application, authenticated_user, claims,"
                + " policy_verdicts, notice_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, message.getQueueId());
            insert.setObject(2, utc(message.getReceivedAt()));
            insert.setString(3, message.getListener());
            insert.setString(4, message.getClientAddress());
            insert.setString(5, message.getHeloName());
            insert.setString(6, message.getSender());
            insert.setString(7, message.senderSearch());
            insert.setString(8, message.getMessageId());
            insert.setLong(9, message.getSizeBytes());
            insert.setBoolean(10, message.isEightBitMime());
            insert.setBoolean(11, message.isSmtpUtf8());
            insert.setString(12, message.getDsn().ret() == null ? null : message.getDsn().ret().name());
            insert.setString(13, message.getDsn().envelopeId());
            insert.setString(14, message.getState().name());
            insert.setObject(15, utc(message.getStateChangedAt()));
            insert.setInt(16, message.getAttempts());
            insert.setObject(17, utc(message.getNextAttemptAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setBoolean(18, message.isDelayNotified());
            insert.setString(19, message.getApplication());
            insert.setString(20, message.getAuthenticatedUser());
            insert.setInt(21, message.getClaims());
            insert.setString(22, message.policyVerdictLines());
            insert.setString(23, message.getNoticeOf());
            insert.executeUpdate();
        }
        List<Recipient> recipients = message.getRecipients();
        try (PreparedStatement insert = connection.prepareStatement("insert into message_recipient (queue_id, position, address, state,"
                + " last_reply, notify_on, original_recipient_type, original_recipient) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < recipients.size(); i++) {
                Recipient recipient = recipients.get(i);
                insert.setString(1, message.getQueueId());
                insert.setInt(2, i);
                insert.setString(3, recipient.getAddress());
                insert.setString(4, recipient.getState().name());
                insert.setString(5, recipient.getLastReply());
                insert.setString(6, recipient.notifyOnText());
                insert.setString(7, recipient.getDsn().originalRecipientType());
                insert.setString(8, recipient.getDsn().originalRecipient());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Writes where delivered messages stand after a round (loaded read-only, changed by their own
     * methods): the message rows and their recipients' rows, in two JDBC batches.
     */
    public static void update(Connection connection, Collection<TrackedMessage> messages) throws SQLException {
        try (PreparedStatement message = connection.prepareStatement("update message set state = ?, state_changed_at = ?, attempts = ?,"
                + " next_attempt_at = ?, delay_notified = ?, hold_reason = ?, claim_token = ?, claimed_until = ?, claims = ?"
                + " where queue_id = ?");
             PreparedStatement recipient = connection.prepareStatement(
                     "update message_recipient set state = ?, last_reply = ? where queue_id = ? and position = ?")) {
            for (TrackedMessage tracked : messages) {
                message.setString(1, tracked.getState().name());
                message.setObject(2, utc(tracked.getStateChangedAt()));
                message.setInt(3, tracked.getAttempts());
                message.setObject(4, utc(tracked.getNextAttemptAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                message.setBoolean(5, tracked.isDelayNotified());
                message.setString(6, tracked.getHoldReason());
                message.setString(7, tracked.claimToken());
                message.setObject(8, utc(tracked.claimedUntil()), Types.TIMESTAMP_WITH_TIMEZONE);
                message.setInt(9, tracked.getClaims());
                message.setString(10, tracked.getQueueId());
                message.addBatch();
                List<Recipient> recipients = tracked.getRecipients();
                for (int i = 0; i < recipients.size(); i++) {
                    recipient.setString(1, recipients.get(i).getState().name());
                    recipient.setString(2, recipients.get(i).getLastReply());
                    recipient.setString(3, tracked.getQueueId());
                    recipient.setInt(4, i);
                    recipient.addBatch();
                }
            }
            message.executeBatch();
            recipient.executeBatch();
        }
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
