package org.passerelle.rate;

import java.util.List;

/**
 * An application sending far more than usual for the hour, as a hacked application server does:
 * its volume of the sliding hour is above three times the median of the same hour of the same
 * weekday over the last four weeks. Needs at least two of those weeks in the history, and a
 * volume of at least {@value #MINIMUM_VOLUME} messages, so that a quiet application's few
 * messages raise nothing.
 */
public final class HourlyAnomaly {

    static final int FACTOR = 3;
    static final long MINIMUM_VOLUME = 100;
    static final int MINIMUM_HISTORY = 2;

    private HourlyAnomaly() {
    }

    /** @param sameHours the volumes of the same hour one to four weeks ago that are known */
    public static boolean anomalous(long volume, List<Long> sameHours) {
        return sameHours.size() >= MINIMUM_HISTORY && volume >= MINIMUM_VOLUME && volume > FACTOR * median(sameHours);
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
