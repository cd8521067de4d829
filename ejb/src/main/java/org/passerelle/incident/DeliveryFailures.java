package org.passerelle.incident;

import java.time.Duration;
import java.util.Optional;

/**
 * The delivery-failure monitor's decision: in the window, enough attempts were made to judge, and
 * the share of those not delivered (deferred or refused) is at least the threshold.
 */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    public static Optional<MonitorCondition> aboveRate(long attempts, long failed, int percent, int minimum, Duration window) {
        if (attempts < minimum || failed * 100 < (long) percent * attempts) {
            return Optional.empty();
        }
        long share = failed * 100 / attempts;
        return Optional.of(new MonitorCondition(Monitor.DELIVERY_FAILURES, "all", "Deliveries failing: " + share + " % of attempts",
                failed + " of the " + attempts + " delivery attempts of the last " + window.toMinutes() + " minutes were not delivered ("
                        + share + " %, threshold " + percent + " %).\nThe incident is resolved by itself when the share falls below it."));
    }
}
