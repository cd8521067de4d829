package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.passerelle.schema.Databases;

/**
 * A claim stamps a message with its token, lease and count. With an index on the token, that update
 * wrote a new entry into each of the message table's thirteen indexes, and left dead entries behind
 * for vacuum and the due scan. Without it, and with room left on each page of the table for the new
 * version (fillfactor 70), PostgreSQL makes the update heap-only: no index entry at all. Claimed
 * messages are found by their ids or, when a node's claims are dropped, by their state. H2 (the run
 * mode's demo database) has no fillfactor: Java, not SQL, for that alone.
 */
public class V31__heap_only_claims extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgresql = Databases.isPostgresql(context.getConnection());
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("drop index message_claim_token");
            if (postgresql) {
                statement.execute("alter table message set (fillfactor = 70)");
            }
        }
    }
}
