package org.passerelle.health;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when PostgreSQL answers: without it nothing is accepted (451) and nothing delivered. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection db = dataSource.getConnection()) {
            return db.isValid(TIMEOUT_SECONDS) ? HealthCheckResponse.up("database")
                    : HealthCheckResponse.named("database").down().withData("error", "no answer within " + TIMEOUT_SECONDS + " s").build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
