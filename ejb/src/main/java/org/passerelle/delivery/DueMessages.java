package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What is due, as the database says, and the claim on it. A message is due when it is queued or
 * deferred, its {@code next_attempt_at} has come, and no live claim holds it. The due rows are
 * selected {@code FOR UPDATE SKIP LOCKED}, so that two workers claiming at once (on one node or
 * two) take different messages, and stamped with the claim (token, lease, one more claim counted)
 * on the caller's connection, in its transaction. The claim is cut into parts of {@code part}
 * messages, each with a token of its own (the claim's, a dot and the part's number), so that each
 * part can be delivered and recorded on its own: what a crash leaves delivered but unrecorded is
 * at most a part per worker. A message already claimed {@code crashLimit}
 * times without an attempt being recorded is not claimed again: the caller holds it.
 */
public final class DueMessages {

    private DueMessages() {
    }

    /** The messages claimed, the longest due first; the tokens of the claim's parts, in order; the messages to hold instead. */
    public record Claim(List<String> claimed, List<String> parts, List<String> crashedTooOften) {
    }

    /** The token of part {@code index} of the claim {@code token}. */
    public static String partToken(String token, int index) {
        return token + "." + index;
    }

    public static Claim claim(Connection connection, String token, Instant now, Duration lease, int limit, int crashLimit, int part)
            throws SQLException {
        List<String> claimed = new ArrayList<>();
        List<String> crashed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select queue_id, claims from message"
                + " where state in ('QUEUED', 'DEFERRED') and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)"
                + " order by next_attempt_at limit ? for update skip locked")) {
            select.setObject(1, now.atOffset(ZoneOffset.UTC));
            select.setObject(2, now.atOffset(ZoneOffset.UTC));
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    (rows.getInt(2) >= crashLimit ? crashed : claimed).add(rows.getString(1));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (!claimed.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "update message set claim_token = ?, claimed_until = ?, claims = claims + 1 where queue_id = ?")) {
                for (int i = 0; i < claimed.size(); i++) {
                    String queueId = claimed.get(i);
                    if (i % part == 0) {
                        parts.add(partToken(token, i / part));
                    }
                    update.setString(1, parts.get(parts.size() - 1));
                    update.setObject(2, now.plus(lease).atOffset(ZoneOffset.UTC));
                    update.setString(3, queueId);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        return new Claim(claimed, parts, crashed);
    }

    /** Ends the claims whose token starts so: those of a node that has restarted or died, which nobody delivers any more. */
    public static int dropClaims(Connection connection, String tokenPrefix) throws SQLException {
        // "is not null": the index message_claim_token finds the few claimed rows among the tracked ones
        try (PreparedStatement update = connection.prepareStatement(
                "update message set claim_token = null, claimed_until = null where claim_token is not null and left(claim_token, ?) = ?")) {
            update.setInt(1, tokenPrefix.length());
            update.setString(2, tokenPrefix);
            return update.executeUpdate();
        }
    }
}
