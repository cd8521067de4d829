package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.passerelle.testing.MigratedDatabase;

/** The rate tables on Passerelle's own schema (Flyway's migrations), in the run mode's H2 database (its MERGE statements). */
class RateTablesTest {

    private static final RateKey CLIENT = new RateKey(RateKind.CONNECTIONS, "198.51.100.7");
    private static final RateKey BILLING = new RateKey(RateKind.MESSAGES, "billing");
    private static final Instant NOW = Instant.parse("2026-12-06T10:17:42Z");
    private static final RateWindow HOUR = new RateWindow(Duration.ofHours(1));

    private Connection db;
    private RateTables tables;

    @BeforeEach
    void migrate() throws Exception {
        String url = MigratedDatabase.create("rates");
        db = DriverManager.getConnection(url, "sa", "");
        tables = new RateTables(db);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void twoNodesFlushesAddUpAndOnlyTheSlicesOfTheHourCount() throws Exception {
        tables.add(Map.of(CLIENT, 3L, BILLING, 2L), HOUR.sliceOf(NOW.minus(Duration.ofMinutes(61))), RateWindow.hourOf(NOW));
        tables.add(Map.of(CLIENT, 4L, BILLING, 1L), HOUR.sliceOf(NOW), RateWindow.hourOf(NOW));
        tables.add(Map.of(CLIENT, 5L), HOUR.sliceOf(NOW), RateWindow.hourOf(NOW));

        assertEquals(Map.of(CLIENT, 9L, BILLING, 1L), tables.sums(HOUR.firstSlice(NOW)));
        assertEquals(List.of(3L), tables.hourly(RateKind.MESSAGES, List.of(RateWindow.hourOf(NOW))).get("billing"));
        assertEquals(List.of(new RateFigure("connections", "198.51.100.7", 9)), tables.busiest(RateKind.CONNECTIONS, HOUR.firstSlice(NOW), 0, 10));
        assertEquals(1, tables.subjects(RateKind.CONNECTIONS, HOUR.firstSlice(NOW)));

        tables.expire(HOUR.firstSlice(NOW), NOW);
        assertEquals(Map.of(CLIENT, 9L, BILLING, 1L), tables.sums(Instant.EPOCH), "the slices before the hour are gone");
    }

    @Test
    void anAlertIsClaimedOncePerWindowWhicheverNodeAsks() throws Exception {
        RateAlert alert = new RateAlert(CLIENT, RateAlert.Level.ALERT, 501, 500, "over");
        assertTrue(tables.claim(alert, NOW, NOW.minus(Duration.ofHours(1))));
        assertFalse(tables.claim(alert, NOW.plusSeconds(600), NOW.plusSeconds(600).minus(Duration.ofHours(1))), "within the hour");
        assertTrue(tables.claim(new RateAlert(CLIENT, RateAlert.Level.BLOCK, 2501, 2500, "blocked"), NOW.plusSeconds(600),
                NOW.plusSeconds(600).minus(Duration.ofHours(1))), "another level is another alert");
        Instant later = NOW.plus(Duration.ofMinutes(61));
        assertTrue(tables.claim(alert, later, later.minus(Duration.ofHours(1))), "an hour later, again");
    }
}
