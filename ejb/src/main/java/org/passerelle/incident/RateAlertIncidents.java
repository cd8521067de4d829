package org.passerelle.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rate monitor's decision, over the alerts the rate watch claimed ({@code rate_alert}, one per
 * subject and level per window across the nodes; docs/rates.md): an alert claimed within the
 * window is a condition; an application's alert is about that application.
 */
public final class RateAlertIncidents {

    /** One claimed alert: {@code kind} connections, messages or deliveries; {@code level} alert, block, limit or anomaly. */
    public record Claimed(String kind, String subject, String level, Instant at) {
    }

    private RateAlertIncidents() {
    }

    public static List<MonitorCondition> active(List<Claimed> claimed, Instant now, Duration window) {
        return claimed.stream().filter(alert -> alert.at().plus(window).isAfter(now)).map(alert -> {
            boolean client = "connections".equals(alert.kind());
            String who = (client ? "client " : "application ") + alert.subject();
            return new MonitorCondition(Monitor.RATE, Monitor.RATE.key() + ":" + alert.level() + ":" + alert.kind() + ":" + alert.subject(),
                    "Rate " + alert.level() + ": " + who,
                    "The rate watch raised a " + alert.level() + " alert about " + who + " (" + alert.kind() + ") at " + alert.at()
                            + ".\nThe incident is resolved by itself when no such alert was raised for " + window.toMinutes()
                            + " minutes (GET /api/v1/rates, docs/rates.md).",
                    client ? null : alert.subject());
        }).toList();
    }
}
