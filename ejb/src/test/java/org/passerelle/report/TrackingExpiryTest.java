package org.passerelle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.passerelle.testing.MigratedDatabase;

/** The nightly expiry's statement on Passerelle's own schema, in H2. */
class TrackingExpiryTest {

    private static final Instant CUTOFF = Instant.parse("2026-09-07T03:17:00Z");

    private Connection db;

    @BeforeEach
    void migrate() throws Exception {
        String url = MigratedDatabase.create("expiry");
        db = DriverManager.getConnection(url, "sa", "");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void onlyMessagesThatLeftTheQueueBeforeTheCutoffGoWithTheirRecipients() throws Exception {
        message("OLDDELIVERED0001", "DELIVERED", CUTOFF.minusSeconds(3600));
        message("OLDBOUNCED000001", "BOUNCED", CUTOFF.minusSeconds(60));
        message("OLDDEFERRED00001", "DEFERRED", CUTOFF.minusSeconds(86400 * 10));
        message("OLDHELD000000001", "HELD", CUTOFF.minusSeconds(86400 * 10));
        message("NEWDELIVERED0001", "DELIVERED", CUTOFF.plusSeconds(60));
        try (PreparedStatement delete = db.prepareStatement(TrackingExpiry.DELETE)) {
            delete.setObject(1, CUTOFF.atOffset(ZoneOffset.UTC));
            assertEquals(2, delete.executeUpdate());
        }
        assertEquals(List.of("NEWDELIVERED0001", "OLDDEFERRED00001", "OLDHELD000000001"), ids("select queue_id from message order by queue_id"));
        assertEquals(List.of("NEWDELIVERED0001", "OLDDEFERRED00001", "OLDHELD000000001"),
                ids("select queue_id from message_recipient order by queue_id"));
    }

    private void message(String id, String state, Instant changed) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("insert into message (queue_id, received_at, listener, client_address,"
                + " sender, sender_search, size_bytes, state, state_changed_at) values (?, ?, 'relay', '127.0.0.1', 'a@b.test',"
                + " 'a@b.test', 10, ?, ?)"); Statement recipient = db.createStatement()) {
            insert.setString(1, id);
            insert.setObject(2, changed.minusSeconds(5).atOffset(ZoneOffset.UTC));
            insert.setString(3, state);
            insert.setObject(4, changed.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            recipient.executeUpdate("insert into message_recipient (queue_id, position, address, state) values ('" + id
                    + "', 0, 'c@d.test', 'PENDING')");
        }
    }

    private List<String> ids(String sql) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Statement select = db.createStatement(); ResultSet rows = select.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
