package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.passerelle.greylist.GreylistRules.Outcome;
import org.passerelle.testing.MigratedDatabase;

/** The greylist's SQL on Passerelle's own schema (Flyway's migrations), in the run mode's H2 database. */
class GreylistStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Triplet TRIPLET = new Triplet("192.0.2.0/24", "alice@example.org", "dave@managed.test");

    private final GreylistRules rules = new GreylistRules(Duration.ofSeconds(300), Duration.ofHours(15), Duration.ofDays(15));
    private final AutoAllow autoAllow = new AutoAllow(2, Duration.ofDays(15));
    private final GreylistStore store = new GreylistStore();

    @BeforeEach
    void schema() throws Exception {
        String url = MigratedDatabase.create("greylist");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        Field field = GreylistStore.class.getDeclaredField("dataSource");
        field.setAccessible(true);
        field.set(store, dataSource);
    }

    @Test
    void aTripletIsRefusedUntilItsDelayThenPassesAndCountsForItsNetwork() {
        assertEquals(Outcome.FIRST_SIGHT, store.decide(TRIPLET, T0, rules, autoAllow).outcome());
        assertEquals(Outcome.TOO_EARLY, store.decide(TRIPLET, T0.plusSeconds(10), rules, autoAllow).outcome());
        GreylistRules.Step passed = store.decide(TRIPLET, T0.plusSeconds(842), rules, autoAllow);
        assertEquals(Outcome.FIRST_PASS, passed.outcome());
        assertEquals(Duration.ofSeconds(842), passed.waited());
        assertEquals(Outcome.PASS, store.decide(TRIPLET, T0.plusSeconds(900), rules, autoAllow).outcome());
        assertEquals(1, store.network("192.0.2.0/24").orElseThrow().passes());
        assertEquals(1, store.count(GreylistFilter.ALL));
    }

    @Test
    void aNetworkIsAutoAllowedAfterPassesAnHourApart() {
        store.decide(TRIPLET, T0, rules, autoAllow);
        store.decide(TRIPLET, T0.plusSeconds(400), rules, autoAllow);
        assertFalse(autoAllow.allows(store.network(TRIPLET.network()).orElse(null), T0.plusSeconds(400)));
        store.decide(TRIPLET, T0.plusSeconds(4000), rules, autoAllow);
        assertTrue(autoAllow.allows(store.network(TRIPLET.network()).orElse(null), T0.plusSeconds(4000)));
    }

    @Test
    void expiredEntriesGoInBatches() {
        for (int i = 0; i < 5; i++) {
            store.decide(new Triplet("192.0.2.0/24", "s" + i + "@example.org", "dave@managed.test"), T0, rules, autoAllow);
        }
        Instant later = T0.plus(Duration.ofHours(16));
        assertEquals(2, store.expire(rules.pendingCutoff(later), rules.confirmedCutoff(later), 2));
        assertEquals(3, store.expire(rules.pendingCutoff(later), rules.confirmedCutoff(later), 10));
        assertEquals(0, store.count(GreylistFilter.ALL));
    }

    @Test
    void entriesAreListedByFilterTheMostRecentFirst() {
        store.decide(TRIPLET, T0, rules, autoAllow);
        store.decide(new Triplet("198.51.100.0/24", "bob@example.org", "erin@corp.test"), T0.plusSeconds(5), rules, autoAllow);
        List<GreylistEntry> all = store.list(GreylistFilter.ALL, 0, 10);
        assertEquals("erin@corp.test", all.get(0).triplet().recipient());
        List<GreylistEntry> managed = store.list(new GreylistFilter(null, null, null, "managed.test", GreylistFilter.State.PENDING), 0, 10);
        assertEquals(List.of(TRIPLET), managed.stream().map(GreylistEntry::triplet).toList());
        assertEquals(0, store.count(new GreylistFilter(null, null, null, null, GreylistFilter.State.PASSED)));
    }
}
