package org.passerelle.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a newly accepted message's tracking row and its recipients' rows with plain JDBC, on the
 * caller's connection and transaction: the acceptance path's one write, which Hibernate's persist
 * and flush made several times dearer in CPU than the statements themselves (measured; see
 * docs/performance.md). Every other use of the tracking rows goes through the {@link TrackedMessage} entity,
 * whose mapping these columns follow.
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

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
