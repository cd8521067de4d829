package org.passerelle.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of the delivery latency histogram, as Prometheus reads a histogram: cumulative
 * counts labelled {@code le} ("less than or equal to", in seconds), the last one {@code +Inf}, so
 * that {@code histogram_quantile} works on them. Counted as {@code passerelle_delivered_within_total}:
 * a counter named {@code ..._bucket} would lose that suffix in Prometheus' client. From the loopback's sub-second to the retries of
 * a next hop down for a day.
 */
final class LatencyBuckets {

    static final List<Duration> BOUNDS = List.of(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1));

    static final String INFINITY = "+Inf";

    private LatencyBuckets() {
    }

    /** The {@code le} labels of every bucket a latency counts in: each bound at or above it, and {@code +Inf}. */
    static List<String> of(Duration latency) {
        List<String> labels = new ArrayList<>();
        for (Duration bound : BOUNDS) {
            if (latency.compareTo(bound) <= 0) {
                labels.add(label(bound));
            }
        }
        labels.add(INFINITY);
        return labels;
    }

    /** Seconds, as Prometheus writes them: {@code 0.1}, {@code 5}, {@code 3600}. */
    static String label(Duration bound) {
        return BigDecimal.valueOf(bound.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
