package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(5));
    private final Instant received = Instant.parse("2026-11-23T10:00:00Z");

    private Duration after(int attempts, Duration age) {
        return schedule.nextDelay(attempts, received, received.plus(age)).orElseThrow();
    }

    @Test
    void startsAtTheMinimalBackoffAndDoubles() {
        assertEquals(Duration.ofMinutes(5), after(1, Duration.ZERO));
        assertEquals(Duration.ofMinutes(10), after(2, Duration.ofMinutes(5)));
        assertEquals(Duration.ofMinutes(20), after(3, Duration.ofMinutes(15)));
        assertEquals(Duration.ofMinutes(160), after(6, Duration.ofHours(3)));
    }

    @Test
    void neverWaitsLongerThanTheMaximalBackoff() {
        assertEquals(Duration.ofHours(4), after(7, Duration.ofHours(6)));
        assertEquals(Duration.ofHours(4), after(500, Duration.ofDays(2)));
    }

    @Test
    void makesTheLastAttemptWhenTheLifetimeEnds() {
        assertEquals(Duration.ofMinutes(30), after(40, Duration.ofDays(5).minusMinutes(30)));
    }

    @Test
    void givesUpOnceTheLifetimeIsOver() {
        assertEquals(Optional.empty(), schedule.nextDelay(41, received, received.plus(Duration.ofDays(5))));
        assertTrue(new RetrySchedule(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ZERO)
                .nextDelay(1, received, received).isEmpty(), "a lifetime of zero gives up at the first deferral");
    }

    @Test
    void refusesSchedulesThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ZERO, Duration.ofHours(4), Duration.ofDays(5)));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofHours(5), Duration.ofHours(4), Duration.ofDays(5)));
    }
}
