package org.passerelle.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.testing.MigratedDatabase;
import org.passerelle.tracking.MessageState;

/** The queue's gauges on Passerelle's own schema (Flyway's migrations), in the run mode's H2 database. */
class QueueFiguresTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private Connection db;

    @BeforeEach
    void schema() throws SQLException {
        String url = MigratedDatabase.create("figures");
        db = DriverManager.getConnection(url, "sa", "");
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("shutdown");
    }

    private void message(String queueId, String state, Duration age, Duration dueSince) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                + " sender, sender_search, size_bytes, state, state_changed_at, next_attempt_at, eight_bit_mime, smtputf8)"
                + " values (?, ?, 'relay', '127.0.0.1', 'a@b.test', 'a@b.test', 10, ?, ?, ?, false, false)")) {
            insert.setString(1, queueId);
            insert.setObject(2, NOW.minus(age).atOffset(ZoneOffset.UTC));
            insert.setString(3, state);
            insert.setObject(4, NOW.minus(age).atOffset(ZoneOffset.UTC));
            insert.setObject(5, NOW.minus(dueSince).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private void attempt(String queueId, String nextHop, String outcome, Duration ago) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into delivery_attempt (queue_id, recipient, attempted_at, next_hop,"
                + " reply_code, reply_text, duration_ms, outcome) values (?, 'x@y.test', ?, ?, 451, 'later', 5, ?)")) {
            insert.setString(1, queueId);
            insert.setObject(2, NOW.minus(ago).atOffset(ZoneOffset.UTC));
            insert.setString(3, nextHop);
            insert.setString(4, outcome);
            insert.executeUpdate();
        }
    }

    @Test
    void anEmptyQueueHasNoAge() throws SQLException {
        QueueFigures figures = QueueFigures.read(db, NOW, WINDOW);
        assertEquals(0, figures.messages(MessageState.QUEUED));
        assertEquals(Duration.ZERO, figures.oldestAge());
        assertEquals(Duration.ZERO, figures.oldestDue());
        assertEquals(0, figures.failingHops());
    }

    @Test
    void countsTheQueueByStateAndAgesItsOldestWaitingMessage() throws SQLException {
        message("Q1", "QUEUED", Duration.ofMinutes(1), Duration.ofSeconds(30));
        message("D1", "DEFERRED", Duration.ofHours(2), Duration.ofMinutes(-5)); // due in five minutes
        message("D2", "DEFERRED", Duration.ofMinutes(30), Duration.ofMinutes(3));
        message("H1", "HELD", Duration.ofDays(3), Duration.ofDays(3)); // held: not waiting for delivery
        message("S1", "DELIVERED", Duration.ofDays(4), Duration.ofDays(4));
        QueueFigures figures = QueueFigures.read(db, NOW, WINDOW);
        assertEquals(1, figures.messages(MessageState.QUEUED));
        assertEquals(2, figures.messages(MessageState.DEFERRED));
        assertEquals(1, figures.messages(MessageState.HELD));
        assertEquals(Duration.ofHours(2), figures.oldestAge());
        assertEquals(Duration.ofMinutes(3), figures.oldestDue(), "the most overdue, not the oldest, which is not due");
    }

    @Test
    void aNextHopFailsWhenNoneOfItsRecentAttemptsDelivered() throws SQLException {
        message("D1", "DEFERRED", Duration.ofHours(1), Duration.ZERO);
        attempt("D1", "[mx.down.test]:25", "PENDING", Duration.ofMinutes(2));
        attempt("D1", "[mx.down.test]:25", "PENDING", Duration.ofMinutes(7));
        attempt("D1", "[mx.flaky.test]:25", "PENDING", Duration.ofMinutes(2));
        attempt("D1", "[mx.flaky.test]:25", "DELIVERED", Duration.ofMinutes(1));
        attempt("D1", "[mx.past.test]:25", "PENDING", Duration.ofHours(1)); // before the window
        assertEquals(1, QueueFigures.read(db, NOW, WINDOW).failingHops());
    }
}
