package org.passerelle.hygiene;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Table {@code hygiene_reminder} (V27): which reminder was mailed about which application, and when. */
final class ReminderTable {

    private final Connection db;

    ReminderTable(Connection db) {
        this.db = db;
    }

    /** Per application, when each subject was last reminded. */
    Map<String, Map<String, Instant>> all() throws SQLException {
        Map<String, Map<String, Instant>> reminded = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("select application, subject, reminded_at from hygiene_reminder");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                reminded.computeIfAbsent(rows.getString(1), application -> new HashMap<>())
                        .put(rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant());
            }
        }
        return reminded;
    }

    void reminded(String application, String subject, Instant at) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update hygiene_reminder set reminded_at = ? where application = ? and subject = ?")) {
            update.setObject(1, at.atOffset(ZoneOffset.UTC));
            update.setString(2, application);
            update.setString(3, subject);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = db.prepareStatement("insert into hygiene_reminder (application, subject, reminded_at) values (?, ?, ?)")) {
            insert.setString(1, application);
            insert.setString(2, subject);
            insert.setObject(3, at.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
