package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is due, as the database says, and the claim on it. A message is due when it is queued or
 * deferred, its {@code next_attempt_at} has come, and no live claim holds it. The due rows are
 * selected {@code FOR UPDATE SKIP LOCKED}, so that two workers claiming at once (on one node or
 * two) take different messages, and stamped with the claim (token, lease, one more claim counted)
 * on the caller's connection, in its transaction. A claim takes messages two ways: by their ids,
 * those this node has just accepted, and by the scan of the due time. Messages are accepted in
 * due-time order, so the scan starts at the index entries of every message that left the queue
 * since the last vacuum: ids spare the rounds of a busy node that walk, and the scan, made once a
 * second or when asked, still finds what came due otherwise. The claim is cut into parts of
 * {@code part} messages, each with a token of its own (the claim's, a dot and the part's number), so that each
 * part can be delivered and recorded on its own: what a crash leaves delivered but unrecorded is
 * at most a part per worker. A message already claimed {@code crashLimit}
 * times without an attempt being recorded is not claimed again: the caller holds it.
 */
public final class DueMessages {

    private static final String DUE = " state in ('QUEUED', 'DEFERRED') and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)";
    private static final String BY_ID = "select queue_id, claims from message where" + DUE
            + " and queue_id = any(?) order by next_attempt_at for update skip locked";
    private static final String SCAN = "select queue_id, claims from message where" + DUE
            + " order by next_attempt_at limit ? for update skip locked";

    private DueMessages() {
    }

    /** What a claim looks at: these ids (messages accepted here, that may still be due), then the scan, for up to {@code scanLimit} more. */
    public record Wanted(List<String> accepted, int scanLimit) {

        public static Wanted scan(int limit) {
            return new Wanted(List.of(), limit);
        }
    }

    /** The messages claimed, the longest due first; the claim's parts, in order; the messages to hold instead. */
    public record Claim(List<String> claimed, List<Part> parts, List<String> crashedTooOften) {
    }

    /** A part of a claim: its token, and its messages. */
    public record Part(String token, List<String> queueIds) {
    }

    /** The token of part {@code index} of the claim {@code token}. */
    public static String partToken(String token, int index) {
        return token + "." + index;
    }

    public static Claim claim(Connection connection, String token, Instant now, Duration lease, Wanted wanted, int crashLimit, int part)
            throws SQLException {
        List<String> claimed = new ArrayList<>();
        Set<String> crashed = new LinkedHashSet<>();
        if (!wanted.accepted().isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(BY_ID)) {
                select.setArray(3, connection.createArrayOf("varchar", wanted.accepted().toArray()));
                select(select, now, crashLimit, claimed, crashed);
            }
            // stamped before the scan, which would otherwise see them due still (this transaction's own locks skip nothing)
            stamp(connection, token, now.plus(lease), part, claimed, 0);
        }
        if (wanted.scanLimit() > 0) {
            int before = claimed.size();
            try (PreparedStatement select = connection.prepareStatement(SCAN)) {
                select.setInt(3, wanted.scanLimit());
                select(select, now, crashLimit, claimed, crashed);
            }
            stamp(connection, token, now.plus(lease), part, claimed, before);
        }
        List<Part> parts = new ArrayList<>();
        for (int from = 0; from < claimed.size(); from += part) {
            parts.add(new Part(partToken(token, from / part), List.copyOf(claimed.subList(from, Math.min(from + part, claimed.size())))));
        }
        return new Claim(claimed, parts, List.copyOf(crashed));
    }

    /** Runs a select of due messages (its first two parameters: now), adding them to those claimed, or to hold. */
    private static void select(PreparedStatement select, Instant now, int crashLimit, List<String> claimed, Set<String> crashed)
            throws SQLException {
        select.setObject(1, now.atOffset(ZoneOffset.UTC));
        select.setObject(2, now.atOffset(ZoneOffset.UTC));
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (rows.getInt(2) >= crashLimit) {
                    crashed.add(rows.getString(1));
                } else {
                    claimed.add(rows.getString(1));
                }
            }
        }
    }

    /** Stamps {@code claimed} from {@code from} on with their parts' tokens. */
    private static void stamp(Connection connection, String token, Instant until, int part, List<String> claimed, int from)
            throws SQLException {
        if (claimed.size() == from) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update message set claim_token = ?, claimed_until = ?, claims = claims + 1 where queue_id = ?")) {
            for (int i = from; i < claimed.size(); i++) {
                update.setString(1, partToken(token, i / part));
                update.setObject(2, until.atOffset(ZoneOffset.UTC));
                update.setString(3, claimed.get(i));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Ends the claims whose token starts so: those of a node that has restarted or died, which nobody delivers any more. */
    public static int dropClaims(Connection connection, String tokenPrefix) throws SQLException {
        // only queued and deferred messages are claimed: their state's index finds them among the tracked ones
        // (claim_token has no index, so that a claim's update is a heap-only one)
        try (PreparedStatement update = connection.prepareStatement("update message set claim_token = null, claimed_until = null"
                + " where state in ('QUEUED', 'DEFERRED') and claim_token is not null and left(claim_token, ?) = ?")) {
            update.setInt(1, tokenPrefix.length());
            update.setString(2, tokenPrefix);
            return update.executeUpdate();
        }
    }
}
