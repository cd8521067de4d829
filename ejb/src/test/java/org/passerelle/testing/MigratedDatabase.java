package org.passerelle.testing;

import java.util.UUID;

import org.flywaydb.core.Flyway;

/** A fresh in-memory H2 database, in PostgreSQL's mode, with every migration of the server applied. */
public final class MigratedDatabase {

    private MigratedDatabase() {
    }

    /** @return the JDBC URL of the new database (user {@code sa}, no password), which lives until its shutdown */
    public static String create(String name) {
        String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        return url;
    }
}
