package org.passerelle.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.reporting.Tally;
import org.passerelle.settings.Setting;

/**
 * This node's share of the daily rollup that the SMTP sessions fill, since {@link TrafficRollup}
 * last wrote it: messages accepted and their bytes, transactions refused, per application. A plain
 * CDI bean, not an EJB: every message touches it, and the EJB interceptor chain cost more than the
 * counting.
 */
@ApplicationScoped
public class NodeTraffic {

    private final Tally<RollupKey> counts = new Tally<>();
    private final Clock clock = Clock.systemDefaultZone();
    private final String site = Setting.text("psl.gateway");

    /** A message an application's client had queued, of that size; {@code null}: not an application. */
    public void accepted(String application, long bytes) {
        if (application != null) {
            LocalDate today = LocalDate.now(clock);
            counts.add(new RollupKey(today, application, site, TrafficCounter.ACCEPTED));
            counts.add(new RollupKey(today, application, site, TrafficCounter.BYTES), bytes);
        }
    }

    /** A transaction (or connection) of an application's client refused; {@code null}: not an application. */
    public void refused(String application) {
        if (application != null) {
            counts.add(new RollupKey(LocalDate.now(clock), application, site, TrafficCounter.REFUSED));
        }
    }

    /** The counts since the last time, taken out to be written. */
    Map<RollupKey, Long> drain() {
        return counts.drain();
    }

    /** Counts that could not be written, kept for the next time. */
    void restore(Map<RollupKey, Long> unwritten) {
        counts.restore(unwritten);
    }
}
