package org.passerelle.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes tracking rows with plain JDBC, on the caller's connection and transaction, where a message
 * goes through: a newly accepted message's rows (statements the spool sends with the content's), and where a delivery round left its messages.
 * Hibernate's persist and flush made these writes several times dearer in CPU than the statements
 * themselves (measured; see docs/performance.md). Every other write goes through the
 * {@link TrackedMessage} entity, whose mapping these columns follow.
 */
public final class MessageRows {

    private MessageRows() {
    }

    /** Recipients per multi-row insert: eight parameters each, far below the protocol's 65,535 per statement. */
    private static final int RECIPIENTS_PER_INSERT = 1000;
    private static final String MESSAGE_COLUMNS = "insert into message (queue_id, received_at, listener, client_address,"
            + " helo_name, sender, sender_search, message_id, size_bytes, eight_bit_mime, smtputf8, dsn_ret, envelope_id, state,"
            + " state_changed_at, attempts, next_attempt_at, delay_notified, application, authenticated_user, claims,"
            + " policy_verdicts, notice_of, hold_reason, header_from_domain, dkim_domain, spf_aligned, dkim_aligned)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RECIPIENT_COLUMNS = "insert into message_recipient (queue_id, position, address, state,"
            + " last_reply, notify_on, original_recipient_type, original_recipient) values ";
    private static final String RECIPIENT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The statements that insert a newly accepted message's rows (the message, then its recipients,
     * a thousand per statement), separated by semicolons: sent together, they cost one round trip.
     * Bind them with {@link #bindInsert}.
     */
    public static String insertStatements(TrackedMessage message) {
        StringBuilder sql = new StringBuilder(MESSAGE_COLUMNS);
        int recipients = message.getRecipients().size();
        for (int first = 0; first < recipients; first += RECIPIENTS_PER_INSERT) {
            int rows = Math.min(RECIPIENTS_PER_INSERT, recipients - first);
            sql.append("; ").append(RECIPIENT_COLUMNS).append(String.join(", ", Collections.nCopies(rows, RECIPIENT_ROW)));
        }
        return sql.toString();
    }

    /**
     * Binds the parameters of {@link #insertStatements} from parameter {@code index} on.
     *
     * @return the index of the next parameter
     */
    public static int bindInsert(PreparedStatement insert, int index, TrackedMessage message) throws SQLException {
        int i = index;
        insert.setString(i++, message.getQueueId());
        insert.setObject(i++, utc(message.getReceivedAt()));
        insert.setString(i++, message.getListener());
        insert.setString(i++, message.getClientAddress());
        insert.setString(i++, message.getHeloName());
        insert.setString(i++, message.getSender());
        insert.setString(i++, message.senderSearch());
        insert.setString(i++, message.getMessageId());
        insert.setLong(i++, message.getSizeBytes());
        insert.setBoolean(i++, message.isEightBitMime());
        insert.setBoolean(i++, message.isSmtpUtf8());
        insert.setString(i++, message.getDsn().ret() == null ? null : message.getDsn().ret().name());
        insert.setString(i++, message.getDsn().envelopeId());
        insert.setString(i++, message.getState().name());
        insert.setObject(i++, utc(message.getStateChangedAt()));
        insert.setInt(i++, message.getAttempts());
        insert.setObject(i++, utc(message.getNextAttemptAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setBoolean(i++, message.isDelayNotified());
        insert.setString(i++, message.getApplication());
        insert.setString(i++, message.getAuthenticatedUser());
        insert.setInt(i++, message.getClaims());
        insert.setString(i++, message.policyVerdictLines());
        insert.setString(i++, message.getNoticeOf());
        insert.setString(i++, message.getHoldReason());
        insert.setString(i++, message.getHeaderFromDomain());
        insert.setString(i++, message.getDkimDomain());
        insert.setObject(i++, message.getSpfAligned(), Types.BOOLEAN);
        insert.setObject(i++, message.getDkimAligned(), Types.BOOLEAN);
        List<Recipient> recipients = message.getRecipients();
        for (int position = 0; position < recipients.size(); position++) {
            Recipient recipient = recipients.get(position);
            insert.setString(i++, message.getQueueId());
            insert.setInt(i++, position);
            insert.setString(i++, recipient.getAddress());
            insert.setString(i++, recipient.getState().name());
            insert.setString(i++, recipient.getLastReply());
            insert.setString(i++, recipient.notifyOnText());
            insert.setString(i++, recipient.getDsn().originalRecipientType());
            insert.setString(i++, recipient.getDsn().originalRecipient());
        }
        return i;
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

    /**
     * Makes those of the messages that wait (queued or deferred) due at {@code due}, locking them as a
     * delivery's claim does; returns them, in the order given, with the state they are in. Two statements for any number.
     */
    public static Map<String, MessageState> makeDue(Connection connection, List<String> queueIds, Instant due) throws SQLException {
        Map<String, MessageState> waiting = new LinkedHashMap<>();
        if (queueIds.isEmpty()) {
            return waiting;
        }
        try (PreparedStatement select = connection.prepareStatement("select queue_id, state from message where queue_id in ("
                + placeholders(queueIds.size()) + ") and state in ('QUEUED', 'DEFERRED') for update")) {
            for (int i = 0; i < queueIds.size(); i++) {
                select.setString(i + 1, queueIds.get(i));
            }
            Map<String, MessageState> found = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), MessageState.valueOf(rows.getString(2)));
                }
            }
            // in the order given, which the audit log keeps
            queueIds.stream().filter(found::containsKey).forEach(queueId -> waiting.put(queueId, found.get(queueId)));
        }
        if (waiting.isEmpty()) {
            return waiting;
        }
        try (PreparedStatement update = connection.prepareStatement("update message set next_attempt_at = ? where queue_id in ("
                + placeholders(waiting.size()) + ")")) {
            update.setObject(1, utc(due), Types.TIMESTAMP_WITH_TIMEZONE);
            int i = 2;
            for (String queueId : waiting.keySet()) {
                update.setString(i++, queueId);
            }
            update.executeUpdate();
        }
        return waiting;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
