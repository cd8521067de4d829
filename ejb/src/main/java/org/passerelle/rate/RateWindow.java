package org.passerelle.rate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The sliding hour, cut into sixty slices (minutes, for an hour): a count is added to the slice of
 * its moment, and the rate is the sum of the sixty slices up to now. The window is an hour except
 * in tests, which shorten it; the anomaly history is kept per clock hour whatever the window.
 */
public record RateWindow(Duration length) {

    static final int SLICES = 60;

    public RateWindow {
        if (length.toSeconds() < SLICES) {
            throw new IllegalArgumentException("a rate window is at least " + SLICES + " seconds");
        }
    }

    public Duration slice() {
        return Duration.ofSeconds(length.toSeconds() / SLICES);
    }

    /** The start of the slice that holds this moment. */
    public Instant sliceOf(Instant moment) {
        long seconds = slice().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(moment.getEpochSecond(), seconds) * seconds);
    }

    /** The start of the oldest slice that still counts now. */
    public Instant firstSlice(Instant now) {
        return sliceOf(now).minus(slice().multipliedBy(SLICES - 1));
    }

    /** The clock hour that holds this moment, for the hourly history. */
    public static Instant hourOf(Instant moment) {
        return moment.truncatedTo(ChronoUnit.HOURS);
    }
}
