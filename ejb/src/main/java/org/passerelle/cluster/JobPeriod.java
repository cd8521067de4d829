package org.passerelle.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A period of a job: the unit it runs once in across the nodes, a number in {@code job_run}.
 * For a job run every interval, the period is the boundary (a multiple of the interval since the
 * epoch) nearest to the timer's firing, and the timers are started on those boundaries
 * ({@link #untilBoundary}): every node's timer fires close to the same boundary, and a firing a
 * little early or late (up to half an interval) still counts for the same period. A daily job's
 * period is its day, a monthly job's its month.
 */
public record JobPeriod(ClusterJob job, long number) {

    /** The period of a job run every {@code interval} whose timer fired at {@code firing}. */
    public static JobPeriod every(ClusterJob job, Instant firing, Duration interval) {
        long length = positive(interval);
        return new JobPeriod(job, Math.floorDiv(firing.toEpochMilli() + length / 2, length));
    }

    public static JobPeriod day(ClusterJob job, LocalDate day) {
        return new JobPeriod(job, day.toEpochDay());
    }

    public static JobPeriod month(ClusterJob job, YearMonth month) {
        return new JobPeriod(job, month.getYear() * 12L + month.getMonthValue() - 1);
    }

    /**
     * How long from {@code now} to the first boundary of the interval at least an interval away:
     * the first timeout of an interval timer, so that the nodes fire together, and a node's first
     * run comes no sooner after its start than one interval (from one to two intervals).
     */
    public static Duration untilBoundary(Instant now, Duration interval) {
        long length = positive(interval);
        return Duration.ofMillis(length + Math.floorMod(-now.toEpochMilli(), length));
    }

    private static long positive(Duration interval) {
        long length = interval.toMillis();
        if (length <= 0) {
            throw new IllegalArgumentException("a job's interval is positive, not " + interval);
        }
        return length;
    }

    @Override
    public String toString() {
        return job.key() + " " + number;
    }
}
