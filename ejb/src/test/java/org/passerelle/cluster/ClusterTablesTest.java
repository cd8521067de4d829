package org.passerelle.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.passerelle.testing.MigratedDatabase;

/** The job periods and the heartbeats on Passerelle's own schema, in H2: who runs a period, and what the reaper releases. */
class ClusterTablesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant DEAD_BEFORE = NOW.minusSeconds(30);
    private static final JobPeriod PERIOD = JobPeriod.every(ClusterJob.INCIDENT_MONITORS, NOW, java.time.Duration.ofMinutes(1));

    private Connection db;
    private JobRuns runs;
    private NodeTable nodes;

    @BeforeEach
    void schema() throws SQLException {
        String url = MigratedDatabase.create("cluster");
        db = DriverManager.getConnection(url, "sa", "");
        runs = new JobRuns(db);
        nodes = new NodeTable(db);
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("shutdown");
    }

    @Test
    void aPeriodIsRunByTheFirstLiveNodeToClaimIt() throws SQLException {
        nodes.register("node-1", "aaaa1111", NOW, DEAD_BEFORE);
        nodes.register("node-2", "bbbb2222", NOW, DEAD_BEFORE);
        assertTrue(runs.claim(PERIOD, "node-1", "aaaa1111", NOW, DEAD_BEFORE));
        assertFalse(runs.claim(PERIOD, "node-2", "bbbb2222", NOW, DEAD_BEFORE));
        assertFalse(runs.claim(PERIOD, "node-1", "aaaa1111", NOW, DEAD_BEFORE), "a second firing on the same node");
        assertEquals("node-1", runner());
    }

    @Test
    void theUnfinishedPeriodOfADeadNodeIsTakenOverButNotAFinishedOne() throws SQLException {
        nodes.register("node-1", "aaaa1111", NOW.minusSeconds(120), NOW.minusSeconds(150));
        nodes.register("node-2", "bbbb2222", NOW, DEAD_BEFORE);
        assertTrue(runs.claim(PERIOD, "node-1", "aaaa1111", NOW.minusSeconds(120), NOW.minusSeconds(150)));

        assertTrue(runs.claim(PERIOD, "node-2", "bbbb2222", NOW, DEAD_BEFORE), "node-1 wrote no heartbeat for two minutes");
        assertEquals("node-2", runner());

        JobPeriod finished = new JobPeriod(ClusterJob.HYGIENE, 7);
        assertTrue(runs.claim(finished, "node-1", "aaaa1111", NOW.minusSeconds(120), NOW.minusSeconds(150)));
        runs.finished(finished, "node-1", "aaaa1111", NOW.minusSeconds(119));
        assertFalse(runs.claim(finished, "node-2", "bbbb2222", NOW, DEAD_BEFORE));
    }

    @Test
    void anEarlierBootOfTheSameNodeIsNotAlive() throws SQLException {
        nodes.register("node-1", "aaaa1111", NOW.minusSeconds(10), NOW.minusSeconds(40));
        assertTrue(runs.claim(PERIOD, "node-1", "aaaa1111", NOW.minusSeconds(10), NOW.minusSeconds(40)));
        assertTrue(nodes.register("node-1", "cccc3333", NOW, DEAD_BEFORE), "the earlier boot wrote a heartbeat 10 s ago");
        assertTrue(runs.claim(PERIOD, "node-1", "cccc3333", NOW, DEAD_BEFORE), "killed mid-run, restarted: the period is run again");
    }

    @Test
    void aPeriodGivenUpIsClaimedAgain() throws SQLException {
        nodes.register("node-1", "aaaa1111", NOW, DEAD_BEFORE);
        nodes.register("node-2", "bbbb2222", NOW, DEAD_BEFORE);
        assertTrue(runs.claim(PERIOD, "node-1", "aaaa1111", NOW, DEAD_BEFORE));
        runs.abandoned(PERIOD, "node-1", "aaaa1111");
        assertTrue(runs.claim(PERIOD, "node-2", "bbbb2222", NOW, DEAD_BEFORE));
    }

    @Test
    void theReaperReleasesTheClaimsOfDeadNodesOnlyAndForgetsThem() throws SQLException {
        nodes.register("node-1", "aaaa1111", NOW.minusSeconds(31), NOW.minusSeconds(61));
        nodes.register("node-2", "bbbb2222", NOW.minusSeconds(29), NOW.minusSeconds(59));
        message("DEAD1", "node-1/aaaa1111/4.0");
        message("LIVE1", "node-2/bbbb2222/9.0");
        message("OTHER", "node-10/dddd4444/1.0");

        assertEquals(List.of(new NodeTable.Reaped("node-1", "aaaa1111", 1)), nodes.reap(DEAD_BEFORE));

        assertNull(claim("DEAD1"));
        assertEquals("node-2/bbbb2222/9.0", claim("LIVE1"));
        assertEquals("node-10/dddd4444/1.0", claim("OTHER"));
        assertEquals(List.of(), nodes.reap(DEAD_BEFORE), "reaped once");
        assertFalse(nodes.beat("node-1", "aaaa1111", NOW), "a node taken for dead learns it at its next heartbeat");
        assertTrue(nodes.beat("node-2", "bbbb2222", NOW));
    }

    @Test
    void periodsAreForgottenAfterAWhile() throws SQLException {
        assertTrue(runs.claim(new JobPeriod(ClusterJob.HYGIENE, 1), "node-1", "aaaa1111", NOW.minusSeconds(86400 * 31), DEAD_BEFORE));
        assertTrue(runs.claim(PERIOD, "node-1", "aaaa1111", NOW, DEAD_BEFORE));
        assertEquals(1, runs.forget(NOW.minusSeconds(86400 * 30)));
    }

    private String runner() throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select node_id from job_run where job = ? and period = ?")) {
            select.setString(1, PERIOD.job().key());
            select.setLong(2, PERIOD.number());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void message(String queueId, String token) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                + " sender, sender_search, size_bytes, state, state_changed_at, next_attempt_at, eight_bit_mime, smtputf8, claim_token,"
                + " claimed_until) values (?, ?, 'relay', '127.0.0.1', 'a@b.test', 'a@b.test', 10, 'QUEUED', ?, ?, false, false, ?, ?)")) {
            insert.setString(1, queueId);
            insert.setObject(2, NOW.minusSeconds(60).atOffset(ZoneOffset.UTC));
            insert.setObject(3, NOW.minusSeconds(60).atOffset(ZoneOffset.UTC));
            insert.setObject(4, NOW.minusSeconds(60).atOffset(ZoneOffset.UTC));
            insert.setString(5, token);
            insert.setObject(6, NOW.plusSeconds(900).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private String claim(String queueId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select claim_token from message where queue_id = ?")) {
            select.setString(1, queueId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
