package org.passerelle.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Which database a connection is to: PostgreSQL, or H2 (the run mode's demo database), where some SQL differs. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgresql(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
