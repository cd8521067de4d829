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
 * on the caller's connection, in its transaction. A message already claimed {@code crashLimit}
 * times without an attempt being recorded is not claimed again: the caller holds it.
 */
public final class DueMessages {

    private DueMessages() {
    }

    /** The messages claimed, the longest due first, and those to hold instead. */
    public record Claim(List<String> claimed, List<String> crashedTooOften) {
    }

    public static Claim claim(Connection connection, String token, Instant now, Duration lease, int limit, int crashLimit)
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
        if (!claimed.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "update message set claim_token = ?, claimed_until = ?, claims = claims + 1 where queue_id = ?")) {
                for (String queueId : claimed) {
                    update.setString(1, token);
                    update.setObject(2, now.plus(lease).atOffset(ZoneOffset.UTC));
                    update.setString(3, queueId);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        return new Claim(claimed, crashed);
    }

    /** Ends the claims whose token starts so: those of a node that has restarted, which nobody delivers any more. */
    public static int dropClaims(Connection connection, String tokenPrefix) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update message set claim_token = null, claimed_until = null where left(claim_token, ?) = ?")) {
            update.setInt(1, tokenPrefix.length());
            update.setString(2, tokenPrefix);
            return update.executeUpdate();
        }
    }
}
