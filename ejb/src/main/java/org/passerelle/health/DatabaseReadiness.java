package org.passerelle.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready when PostgreSQL answers: without it nothing is accepted (451) and nothing delivered. */
@ApplicationScoped
public class DatabaseReadiness implements ReadinessCheck {

    private static final int TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Override
    public CheckResult check() {
        try (Connection db = dataSource.getConnection()) {
            return db.isValid(TIMEOUT_SECONDS) ? CheckResult.up("database")
                    : CheckResult.down("database", "no answer within " + TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return CheckResult.down("database", "cannot connect");
        }
    }
}
