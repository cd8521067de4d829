package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.passerelle.testing.MigratedDatabase;

/** The due scan and the claims on Passerelle's own schema (Flyway's migrations), in the run mode's H2 database. */
class DueMessagesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(15);

    private String url;
    private Connection db;

    @BeforeEach
    void schema() throws SQLException {
        url = MigratedDatabase.create("due");
        db = DriverManager.getConnection(url, "sa", "");
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("shutdown");
    }

    private void message(String queueId, String state, Instant nextAttemptAt) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                + " sender, sender_search, size_bytes, state, state_changed_at, next_attempt_at, eight_bit_mime, smtputf8)"
                + " values (?, ?, 'relay', '127.0.0.1', 'a@b.test', 'a@b.test', 10, ?, ?, ?, false, false)")) {
            insert.setString(1, queueId);
            insert.setObject(2, NOW.minusSeconds(3600).atOffset(ZoneOffset.UTC));
            insert.setString(3, state);
            insert.setObject(4, NOW.minusSeconds(3600).atOffset(ZoneOffset.UTC));
            insert.setObject(5, nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private DueMessages.Claim claim(Connection connection, String token, Instant at) throws SQLException {
        return DueMessages.claim(connection, token, at, LEASE, DueMessages.Wanted.scan(100), 3, 10);
    }

    private String column(String queueId, String column) throws SQLException {
        try (ResultSet row = db.createStatement().executeQuery("select " + column + " from message where queue_id = '" + queueId + "'")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void onlyQueuedAndDeferredMessagesWhoseTimeHasComeAreClaimedTheLongestDueFirst() throws SQLException {
        message("Q1", "QUEUED", NOW.minusSeconds(5));
        message("D1", "DEFERRED", NOW.minusSeconds(60));
        message("D2", "DEFERRED", NOW.plusSeconds(60));
        message("H1", "HELD", null);
        message("X1", "DELIVERED", null);
        message("B1", "BOUNCED", NOW.minusSeconds(600));

        DueMessages.Claim claim = claim(db, "node/boot/1", NOW);

        assertEquals(List.of("D1", "Q1"), claim.claimed());
        assertEquals("node/boot/1.0", column("Q1", "claim_token"));
        assertEquals("1", column("Q1", "claims"));
        assertEquals(null, column("D2", "claim_token"), "not due yet");
    }

    @Test
    void aClaimedMessageIsNotDueAgainUntilItsLeaseLapses() throws SQLException {
        message("Q1", "QUEUED", NOW);
        assertEquals(List.of("Q1"), claim(db, "node/boot/1", NOW).claimed());

        assertEquals(List.of(), claim(db, "node/boot/2", NOW.plusSeconds(60)).claimed(), "a second attempt of a claimed message does nothing");
        assertEquals(List.of("Q1"), claim(db, "other/boot/1", NOW.plus(LEASE).plusSeconds(1)).claimed(), "a lapsed claim is taken over");
        assertEquals("other/boot/1.0", column("Q1", "claim_token"));
        assertEquals("2", column("Q1", "claims"), "the claim that never recorded an attempt is counted");
    }

    @Test
    void aMessageClaimedTooOftenWithoutAnAttemptIsGivenToBeHeldNotClaimed() throws SQLException {
        message("Q1", "QUEUED", NOW);
        for (int i = 1; i <= 3; i++) {
            assertEquals(List.of("Q1"), claim(db, "node/boot/" + i, NOW.plus(LEASE.plusSeconds(1).multipliedBy(i))).claimed());
        }
        DueMessages.Claim fourth = claim(db, "node/boot/4", NOW.plus(LEASE.plusSeconds(1).multipliedBy(4)));
        assertEquals(List.of(), fourth.claimed());
        assertEquals(List.of("Q1"), fourth.crashedTooOften());
    }

    @Test
    void twoWorkersClaimingAtOnceNeverTakeTheSameMessage() throws SQLException {
        for (int i = 0; i < 50; i++) {
            message(String.format("M%02d", i), "QUEUED", NOW.minusSeconds(i));
        }
        try (Connection first = DriverManager.getConnection(url, "sa", ""); Connection second = DriverManager.getConnection(url, "sa", "")) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            List<String> a = DueMessages.claim(first, "a/boot/1", NOW, LEASE, DueMessages.Wanted.scan(20), 3, 10).claimed();
            List<String> b = DueMessages.claim(second, "b/boot/1", NOW, LEASE, DueMessages.Wanted.scan(20), 3, 10).claimed();
            first.commit();
            second.commit();
            List<String> c = DueMessages.claim(first, "a/boot/2", NOW, LEASE, DueMessages.Wanted.scan(100), 3, 10).claimed();
            first.commit();

            Set<String> all = new HashSet<>();
            for (List<String> taken : List.of(a, b, c)) {
                for (String queueId : taken) {
                    assertTrue(all.add(queueId), queueId + " claimed twice");
                }
            }
            assertEquals(20, a.size());
            assertEquals(50, all.size(), "every due message is claimed once");
        }
    }

    @Test
    void aClaimIsCutIntoPartsEachWithItsOwnToken() throws SQLException {
        for (int i = 0; i < 25; i++) {
            message(String.format("M%02d", i), "QUEUED", NOW.minusSeconds(100 - i));
        }
        DueMessages.Claim claim = claim(db, "node/boot/7", NOW);
        assertEquals(List.of("node/boot/7.0", "node/boot/7.1", "node/boot/7.2"), claim.parts().stream().map(DueMessages.Part::token).toList());
        assertEquals(List.of("M20", "M21", "M22", "M23", "M24"), claim.parts().get(2).queueIds());
        assertEquals("node/boot/7.0", column("M09", "claim_token"));
        assertEquals("node/boot/7.1", column("M10", "claim_token"));
        assertEquals("node/boot/7.2", column("M24", "claim_token"));
    }

    @Test
    void theMessagesAcceptedHereAreClaimedByIdOnlyWhileTheyAreDue() throws SQLException {
        message("Q1", "QUEUED", NOW);
        message("Q2", "QUEUED", NOW.minusSeconds(1));
        message("H1", "HELD", null);
        message("D1", "DEFERRED", NOW.plusSeconds(60));
        message("OTHER", "QUEUED", NOW.minusSeconds(60));
        DueMessages.claim(db, "node/boot/1", NOW, LEASE, new DueMessages.Wanted(List.of("Q2"), 0), 3, 10);

        DueMessages.Claim claim = DueMessages.claim(db, "node/boot/2", NOW, LEASE,
                new DueMessages.Wanted(List.of("Q1", "Q2", "H1", "D1", "GONE"), 0), 3, 10);

        assertEquals(List.of("Q1"), claim.claimed(), "Q2 is claimed already, H1 held, D1 not due yet");
        assertEquals(null, column("OTHER", "claim_token"), "no scan was asked for");
    }

    @Test
    void aScanAfterTheIdsTakesOtherMessagesAndTheClaimsPartsRunOn() throws SQLException {
        for (int i = 0; i < 15; i++) {
            message(String.format("M%02d", i), "QUEUED", NOW.minusSeconds(100 - i));
        }
        List<String> accepted = List.of("M10", "M11", "M12", "M13", "M14");

        DueMessages.Claim claim = DueMessages.claim(db, "node/boot/3", NOW, LEASE, new DueMessages.Wanted(accepted, 8), 3, 10);

        assertEquals(List.of("M10", "M11", "M12", "M13", "M14", "M00", "M01", "M02", "M03", "M04", "M05", "M06", "M07"), claim.claimed(),
                "the ids first, then the longest due, each once");
        assertEquals(List.of("node/boot/3.0", "node/boot/3.1"), claim.parts().stream().map(DueMessages.Part::token).toList());
        assertEquals(List.of("M05", "M06", "M07"), claim.parts().get(1).queueIds());
        assertEquals("node/boot/3.0", column("M04", "claim_token"));
        assertEquals("node/boot/3.1", column("M05", "claim_token"));
        assertEquals(null, column("M08", "claim_token"), "beyond the scan's limit");
    }

    @Test
    void aRestartedNodeDropsItsOwnClaimsOnly() throws SQLException {
        message("Q1", "QUEUED", NOW);
        message("Q2", "QUEUED", NOW.minusSeconds(1));
        DueMessages.claim(db, "node-a/boot1/1", NOW, LEASE, DueMessages.Wanted.scan(1), 3, 10);
        DueMessages.claim(db, "node-b/boot1/1", NOW, LEASE, DueMessages.Wanted.scan(1), 3, 10);

        assertEquals(1, DueMessages.dropClaims(db, "node-a/"));

        assertEquals(List.of("Q2"), claim(db, "node-a/boot2/1", NOW.plusSeconds(1)).claimed());
    }
}
