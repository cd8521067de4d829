package org.passerelle.quarantine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Outbreak mode's switch as this node knows it ({@link OutbreakMode} turns it): a row in PostgreSQL,
 * read again after {@value #CACHE_SECONDS} seconds. A plain CDI bean, not an EJB: every message's
 * content checks ask it.
 */
@ApplicationScoped
public class OutbreakSwitch {

    private static final Logger LOG = Logger.getLogger(OutbreakSwitch.class.getName());
    private static final long CACHE_SECONDS = 5;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final Clock clock = Clock.systemUTC();
    private volatile Instant readAt = Instant.EPOCH;
    private volatile boolean on;

    /** The switch as this node knows it; when the database cannot say, the last known state. */
    public boolean on() {
        if (readAt.plus(Duration.ofSeconds(CACHE_SECONDS)).isBefore(clock.instant())) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement("select turned_on from content_switch where name = 'outbreak'");
                 ResultSet row = select.executeQuery()) {
                on = row.next() && row.getBoolean(1);
                readAt = clock.instant();
            } catch (SQLException e) {
                LOG.warning(() -> "outbreak mode: its switch could not be read, still " + (on ? "on" : "off") + ": " + e.getMessage());
            }
        }
        return on;
    }

    /** This node turned it: known at once, without waiting for the next read. */
    void turned(boolean turnOn) {
        on = turnOn;
        readAt = clock.instant();
    }
}
