package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.passerelle.greylist.GreylistRules.Outcome;
import org.passerelle.greylist.GreylistRules.Step;

class GreylistRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final GreylistRules rules = new GreylistRules(Duration.ofSeconds(300), Duration.ofHours(15), Duration.ofDays(15));

    @Test
    void aNewTripletIsGreylistedAndItsClockStarts() {
        Step step = rules.decide(null, T0);
        assertEquals(Outcome.FIRST_SIGHT, step.outcome());
        assertEquals(new TripletState(T0, T0, null, 0), step.next());
    }

    @Test
    void aRetryBeforeTheDelayIsStillGreylistedAndKeepsItsFirstSight() {
        Step step = rules.decide(new TripletState(T0, T0, null, 0), T0.plusSeconds(299));
        assertEquals(Outcome.TOO_EARLY, step.outcome());
        assertEquals(T0, step.next().firstSeen());
        assertEquals(Duration.ofSeconds(299), step.waited());
    }

    @Test
    void aRetryAfterTheDelayPassesAndNamesHowLongItWaited() {
        Step step = rules.decide(new TripletState(T0, T0, null, 0), T0.plusSeconds(842));
        assertEquals(Outcome.FIRST_PASS, step.outcome());
        assertEquals(Duration.ofSeconds(842), step.waited());
        assertEquals(new TripletState(T0, T0.plusSeconds(842), T0.plusSeconds(842), 1), step.next());
    }

    @Test
    void aPassedTripletPassesAgainWithoutWaitingAndItsLifetimeStartsAgain() {
        Instant passed = T0.plusSeconds(400);
        Step step = rules.decide(new TripletState(T0, passed, passed, 1), passed.plus(Duration.ofDays(14)));
        assertEquals(Outcome.PASS, step.outcome());
        assertEquals(passed.plus(Duration.ofDays(14)), step.next().lastSeen());
        assertEquals(2, step.next().passes());
    }

    @Test
    void aPendingTripletExpiresAfterThePendingLifetimeAndIsGreylistedAfresh() {
        Instant later = T0.plus(Duration.ofHours(15));
        Step step = rules.decide(new TripletState(T0, T0, null, 0), later);
        assertEquals(Outcome.FIRST_SIGHT, step.outcome());
        assertEquals(later, step.next().firstSeen());
    }

    @Test
    void aPassedTripletUnusedForTheConfirmedLifetimeIsGreylistedAfresh() {
        Instant passed = T0.plusSeconds(400);
        Step step = rules.decide(new TripletState(T0, passed, passed, 3), passed.plus(Duration.ofDays(15)));
        assertEquals(Outcome.FIRST_SIGHT, step.outcome());
        assertNull(step.next().passedAt());
    }

    @Test
    void expiryCutoffsAreTheLifetimesBeforeNow() {
        assertEquals(T0.minus(Duration.ofHours(15)), rules.pendingCutoff(T0));
        assertEquals(T0.minus(Duration.ofDays(15)), rules.confirmedCutoff(T0));
    }

    @Test
    void aKnownTripletPassesWithNothingWrittenUntilItsUseIsDueToBeWrittenAgain() {
        TripletState passed = new TripletState(T0, T0.plusSeconds(600), T0.plusSeconds(600), 3);
        NetworkPasses network = new NetworkPasses(2, T0.plusSeconds(600), T0.plusSeconds(600));
        // fifteen days of confirmed lifetime: its last use is written again after an hour at most
        assertTrue(rules.passesAsKept(passed, network, T0.plusSeconds(600 + 3599)));
        assertFalse(rules.passesAsKept(passed, network, T0.plusSeconds(600 + 3600)), "its last use is written again");
        assertFalse(rules.passesAsKept(passed, new NetworkPasses(2, T0.minusSeconds(3600), T0.plusSeconds(600)), T0.plusSeconds(700)),
                "the network's pass of this hour is still to be counted");
        assertFalse(rules.passesAsKept(new TripletState(T0, T0, null, 0), network, T0.plusSeconds(700)), "a pending triplet");
        assertFalse(rules.passesAsKept(passed, null, T0.plusSeconds(700)), "nothing kept of the network");
        GreylistRules shortLived = new GreylistRules(Duration.ofSeconds(4), Duration.ofSeconds(12), Duration.ofSeconds(12));
        assertTrue(shortLived.passesAsKept(passed, network, T0.plusSeconds(601)));
        assertFalse(shortLived.passesAsKept(passed, network, T0.plusSeconds(602)), "a tenth of a 12 s lifetime");
    }
}
