package org.passerelle.greylist;

import java.time.LocalDate;

/**
 * One day's greylisting figures, the ones operators asked for.
 *
 * @param greylisted recipients answered {@code 451 4.7.1} (a new triplet, or a retry before the delay)
 * @param passed triplets that passed after their delay
 * @param delaySecondsTotal the sum of those delays, for their mean
 * @param delaySecondsMax the longest of those delays
 * @param autoAllowed recipients let through because their client network is auto-allowed
 * @param allowListed recipients let through by the allow-list
 */
public record GreylistFigures(LocalDate day, long greylisted, long passed, long delaySecondsTotal, long delaySecondsMax,
                              long autoAllowed, long allowListed) {

    public static GreylistFigures none(LocalDate day) {
        return new GreylistFigures(day, 0, 0, 0, 0, 0, 0);
    }

    /** The mean delay of the triplets that passed, in seconds; 0 when none did. */
    public long delaySecondsMean() {
        return passed == 0 ? 0 : delaySecondsTotal / passed;
    }

    /** These figures and those of the same day counted elsewhere (another node, or not written yet). */
    public GreylistFigures plus(GreylistFigures other) {
        return new GreylistFigures(day, greylisted + other.greylisted, passed + other.passed,
                delaySecondsTotal + other.delaySecondsTotal, Math.max(delaySecondsMax, other.delaySecondsMax),
                autoAllowed + other.autoAllowed, allowListed + other.allowListed);
    }

    GreylistFigures greylistedOnce() {
        return new GreylistFigures(day, greylisted + 1, passed, delaySecondsTotal, delaySecondsMax, autoAllowed, allowListed);
    }

    GreylistFigures passedAfter(long delaySeconds) {
        return new GreylistFigures(day, greylisted, passed + 1, delaySecondsTotal + delaySeconds,
                Math.max(delaySecondsMax, delaySeconds), autoAllowed, allowListed);
    }

    GreylistFigures autoAllowedOnce() {
        return new GreylistFigures(day, greylisted, passed, delaySecondsTotal, delaySecondsMax, autoAllowed + 1, allowListed);
    }

    GreylistFigures allowListedOnce() {
        return new GreylistFigures(day, greylisted, passed, delaySecondsTotal, delaySecondsMax, autoAllowed, allowListed + 1);
    }
}
