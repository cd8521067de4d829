package org.passerelle.hygiene;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.passerelle.schema.Databases;

/** Table {@code application_use} (V27): the last use of each application per network. */
final class UseTable {

    // a later time wins: a node flushing late never moves a last use back
    private static final String POSTGRESQL_UPSERT = "insert into application_use (application, network, last_used) values (?, ?, ?)"
            + " on conflict (application, network) do update set last_used = greatest(application_use.last_used, excluded.last_used)";
    // H2 (the run command's database) has no "on conflict do update"; the standard MERGE does the same
    private static final String STANDARD_UPSERT = "merge into application_use t using (values (cast(? as varchar(64)),"
            + " cast(? as varchar(64)), cast(? as timestamp with time zone))) s (application, network, last_used)"
            + " on t.application = s.application and t.network = s.network"
            + " when matched then update set last_used = greatest(t.last_used, s.last_used)"
            + " when not matched then insert (application, network, last_used) values (s.application, s.network, s.last_used)";

    private final Connection db;

    UseTable(Connection db) {
        this.db = db;
    }

    /** Writes the uses in one batch. */
    void record(Collection<NetworkUse> uses) throws SQLException {
        String upsert = Databases.isPostgresql(db)
                ? POSTGRESQL_UPSERT : STANDARD_UPSERT;
        try (PreparedStatement statement = db.prepareStatement(upsert)) {
            for (NetworkUse use : uses) {
                statement.setString(1, use.application());
                statement.setString(2, use.network());
                statement.setObject(3, use.lastUsed().atOffset(ZoneOffset.UTC));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Every application's last use per network. */
    Map<String, Map<String, Instant>> all() throws SQLException {
        Map<String, Map<String, Instant>> uses = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("select application, network, last_used from application_use"
                + " order by application, network");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                uses.computeIfAbsent(rows.getString(1), application -> new LinkedHashMap<>())
                        .put(rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant());
            }
        }
        return uses;
    }
}
