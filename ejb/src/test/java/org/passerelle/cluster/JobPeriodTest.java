package org.passerelle.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class JobPeriodTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void twoNodesFiringEitherSideOfABoundaryRunTheSamePeriod() {
        JobPeriod early = JobPeriod.every(ClusterJob.INCIDENT_MONITORS, Instant.parse("2026-12-06T10:00:59.900Z"), MINUTE);
        JobPeriod late = JobPeriod.every(ClusterJob.INCIDENT_MONITORS, Instant.parse("2026-12-06T10:01:00.250Z"), MINUTE);
        assertEquals(early, late);
        assertEquals(Instant.parse("2026-12-06T10:01:00Z").getEpochSecond() / 60, early.number());
    }

    @Test
    void firingsAnIntervalApartRunTwoPeriodsEvenWhenLate() {
        JobPeriod first = JobPeriod.every(ClusterJob.INCIDENT_MONITORS, Instant.parse("2026-12-06T10:01:00.100Z"), MINUTE);
        JobPeriod next = JobPeriod.every(ClusterJob.INCIDENT_MONITORS, Instant.parse("2026-12-06T10:02:25Z"), MINUTE);
        assertEquals(first.number() + 1, next.number());
    }

    @Test
    void aPeriodIsAJobs() {
        Instant at = Instant.parse("2026-12-06T10:05:00Z");
        assertNotEquals(JobPeriod.every(ClusterJob.GREYLIST_EXPIRY, at, Duration.ofMinutes(5)),
                JobPeriod.every(ClusterJob.RATE_EXPIRY, at, Duration.ofMinutes(5)));
    }

    @Test
    void timersStartOnABoundaryOfTheirIntervalNoSoonerThanAnIntervalAway() {
        assertEquals(Duration.ofMillis(75_500), JobPeriod.untilBoundary(Instant.parse("2026-12-06T10:00:44.500Z"), MINUTE));
        assertEquals(MINUTE, JobPeriod.untilBoundary(Instant.parse("2026-12-06T10:00:00Z"), MINUTE));
        assertEquals(Duration.ofMinutes(95), JobPeriod.untilBoundary(Instant.parse("2026-12-06T10:25:00Z"), Duration.ofHours(1)),
                "no sooner than an interval after the start, as before");
    }

    @Test
    void aDailyJobsPeriodIsItsDayAndAMonthlyJobsItsMonth() {
        assertEquals(JobPeriod.day(ClusterJob.TRACKING_EXPIRY, LocalDate.of(2026, 12, 6)).number() + 1,
                JobPeriod.day(ClusterJob.TRACKING_EXPIRY, LocalDate.of(2026, 12, 7)).number());
        assertEquals(JobPeriod.month(ClusterJob.MONTHLY_REPORTS, YearMonth.of(2026, 12)).number() + 1,
                JobPeriod.month(ClusterJob.MONTHLY_REPORTS, YearMonth.of(2027, 1)).number());
        assertEquals(2026 * 12 + 11, JobPeriod.month(ClusterJob.MONTHLY_REPORTS, YearMonth.of(2026, 12)).number());
    }

    @Test
    void anIntervalOfNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobPeriod.every(ClusterJob.HYGIENE, Instant.EPOCH, Duration.ZERO));
    }

    @Test
    void eachJobHasALockOfItsOwnUnderPasserellesPrefix() {
        Set<Long> locks = Arrays.stream(ClusterJob.values()).map(ClusterJob::lock).collect(Collectors.toSet());
        assertEquals(ClusterJob.values().length, locks.size());
        locks.forEach(lock -> assertEquals(0x50534CL, lock >>> 40));
    }
}
