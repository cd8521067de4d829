package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.passerelle.schema.Databases;

/**
 * Searches by recipient (queue listing, tracking) compare lower-cased addresses: without an index a
 * search for one person's mail read every recipient of the table. PostgreSQL indexes the
 * expression; H2 (the run mode's demo database) has no index on expressions, so it gets one on the
 * address, which its small tables do not need more than that. Java, not SQL, for that choice alone.
 */
public class V30__recipient_search extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgresql = Databases.isPostgresql(context.getConnection());
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("create index message_recipient_address on message_recipient ("
                    + (postgresql ? "lower(address)" : "address") + ")");
        }
    }
}
