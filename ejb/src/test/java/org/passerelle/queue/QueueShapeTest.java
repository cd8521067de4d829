package org.passerelle.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.passerelle.testing.MigratedDatabase;

class QueueShapeTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void bucketsAgesLikeQshape() {
        assertEquals(List.of("0-5", "5-10", "10-20", "20-40", "40-80", "80-160", "160+"), QueueShape.BUCKETS);
        assertEquals(0, QueueShape.bucket(Duration.ofSeconds(299)));
        assertEquals(1, QueueShape.bucket(Duration.ofMinutes(5)));
        assertEquals(2, QueueShape.bucket(Duration.ofMinutes(19)));
        assertEquals(5, QueueShape.bucket(Duration.ofMinutes(159)));
        assertEquals(6, QueueShape.bucket(Duration.ofMinutes(160)));
        assertEquals(6, QueueShape.bucket(Duration.ofDays(5)));
    }

    @Test
    void countsAMessageOnceInEachDomainItStillHasRecipientsIn() {
        QueueShape.Counter counter = new QueueShape.Counter(NOW);
        counter.add("A", NOW.minusSeconds(60), "one@Example.ORG");
        counter.add("A", NOW.minusSeconds(60), "two@example.org");
        counter.add("A", NOW.minusSeconds(60), "three@partner.test");
        counter.add("B", NOW.minus(Duration.ofMinutes(45)), "four@example.org");
        counter.add("C", NOW.minus(Duration.ofHours(4)), "five@partner.test");
        counter.add("D", NOW.minus(Duration.ofHours(4)), "six@partner.test");
        QueueShape shape = counter.shape(10);
        assertEquals(new QueueShape.Row("TOTAL", 4, List.of(1L, 0L, 0L, 0L, 1L, 0L, 2L)), shape.total());
        assertEquals(List.of(new QueueShape.Row("partner.test", 3, List.of(1L, 0L, 0L, 0L, 0L, 0L, 2L)),
                new QueueShape.Row("example.org", 2, List.of(1L, 0L, 0L, 0L, 1L, 0L, 0L))), shape.domains());
        assertEquals(List.of("partner.test"), counter.shape(1).domains().stream().map(QueueShape.Row::domain).toList(),
                "the busiest domains first, up to the limit");
    }

    @Test
    void readsThePendingRecipientsOfQueuedAndDeferredMessages() throws SQLException {
        String url = MigratedDatabase.create("shape");
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            message(db, "Q1", "QUEUED", Duration.ofMinutes(2), "a@down.test", "PENDING", "b@up.test", "DELIVERED");
            message(db, "D1", "DEFERRED", Duration.ofMinutes(12), "c@down.test", "PENDING", "d@down.test", "PENDING");
            message(db, "H1", "HELD", Duration.ofMinutes(12), "e@held.test", "PENDING", "f@held.test", "PENDING");
            QueueShape shape = QueueShape.read(db, NOW, 10);
            assertEquals(new QueueShape.Row("TOTAL", 2, List.of(1L, 0L, 1L, 0L, 0L, 0L, 0L)), shape.total());
            assertEquals(List.of(new QueueShape.Row("down.test", 2, List.of(1L, 0L, 1L, 0L, 0L, 0L, 0L))), shape.domains(),
                    "delivered recipients and held messages are not waiting");
            db.createStatement().execute("shutdown");
        }
    }

    private static void message(Connection db, String queueId, String state, Duration age, String... recipients) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                + " sender, sender_search, size_bytes, state, state_changed_at, eight_bit_mime, smtputf8)"
                + " values (?, ?, 'relay', '127.0.0.1', 'a@b.test', 'a@b.test', 10, ?, ?, false, false)")) {
            insert.setString(1, queueId);
            insert.setObject(2, NOW.minus(age).atOffset(ZoneOffset.UTC));
            insert.setString(3, state);
            insert.setObject(4, NOW.minus(age).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        for (int i = 0; i < recipients.length; i += 2) {
            try (PreparedStatement insert = db.prepareStatement("insert into message_recipient (queue_id, position, address, state)"
                    + " values (?, ?, ?, ?)")) {
                insert.setString(1, queueId);
                insert.setInt(2, i / 2);
                insert.setString(3, recipients[i]);
                insert.setString(4, recipients[i + 1]);
                insert.executeUpdate();
            }
        }
    }
}
