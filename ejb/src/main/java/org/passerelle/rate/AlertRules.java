package org.passerelle.rate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which alerts the counts of the sliding hour call for. Plain Java; whether one was already sent
 * within the hour is the caller's business.
 *
 * <ul>
 * <li>a client's connections above its alert threshold: {@link RateAlert.Level#ALERT}; above its
 *     block threshold: {@link RateAlert.Level#BLOCK}, saying that its new connections are refused;</li>
 * <li>an application's messages at {@value #LIMIT_ALERT_PERCENT} % of its {@code pslRateLimit}:
 *     {@link RateAlert.Level#LIMIT}; above three times its usual volume for the hour
 *     ({@link HourlyAnomaly}): {@link RateAlert.Level#ANOMALY}.</li>
 * </ul>
 */
public final class AlertRules {

    static final int LIMIT_ALERT_PERCENT = 90;

    private AlertRules() {
    }

    /**
     * @param thresholds the thresholds of a client, by its subject; none while unknown (no
     *                   connection of it checked since the start): no alert for it yet
     * @param rateLimit the {@code pslRateLimit} of an application, by its name
     * @param sameHours the application's volumes of the same hour in the weeks before
     */
    public static List<RateAlert> due(Map<RateKey, Long> counts, Function<String, Optional<Thresholds>> thresholds,
                                      Function<String, Optional<Integer>> rateLimit, Function<String, List<Long>> sameHours) {
        List<RateAlert> alerts = new ArrayList<>();
        counts.forEach((key, count) -> {
            switch (key.kind()) {
                case CONNECTIONS -> thresholds.apply(key.subject()).ifPresent(known -> connections(key, count, known, alerts));
                case MESSAGES -> messages(key, count, rateLimit.apply(key.subject()), sameHours.apply(key.subject()), alerts);
                case DELIVERIES -> {
                    // counted and listed; an application's volume is watched through its messages
                }
            }
        });
        return alerts;
    }

    private static void connections(RateKey key, long count, Thresholds thresholds, List<RateAlert> alerts) {
        if (thresholds.blocks(count)) {
            alerts.add(new RateAlert(key, RateAlert.Level.BLOCK, count, thresholds.block(), "Client " + key.subject() + " opened "
                    + count + " connections in the last hour, above the block threshold " + thresholds.block() + " ("
                    + thresholds.source() + "): its new connections are refused (421 4.7.0) until its rate falls back."));
        } else if (thresholds.alerts(count)) {
            alerts.add(new RateAlert(key, RateAlert.Level.ALERT, count, thresholds.alert(), "Client " + key.subject() + " opened "
                    + count + " connections in the last hour, above the alert threshold " + thresholds.alert() + " ("
                    + thresholds.source() + ")" + (thresholds.block() > 0 ? "; it will be blocked above " + thresholds.block() : "")
                    + "."));
        }
    }

    private static void messages(RateKey key, long count, Optional<Integer> limit, List<Long> sameHours, List<RateAlert> alerts) {
        if (limit.isPresent() && count * 100 >= (long) limit.get() * LIMIT_ALERT_PERCENT) {
            alerts.add(new RateAlert(key, RateAlert.Level.LIMIT, count, limit.get(), "Application " + key.subject() + " had "
                    + count + " messages queued in the last hour, " + LIMIT_ALERT_PERCENT + " % or more of its rate limit of "
                    + limit.get() + " messages per hour; above it, its messages are deferred (452 4.7.1)."));
        }
        if (HourlyAnomaly.anomalous(count, sameHours)) {
            long usual = Math.round(HourlyAnomaly.median(sameHours));
            alerts.add(new RateAlert(key, RateAlert.Level.ANOMALY, count, HourlyAnomaly.FACTOR * usual, "Application "
                    + key.subject() + " had " + count + " messages queued in the last hour, more than " + HourlyAnomaly.FACTOR
                    + " times its usual " + usual + " for this hour (median of the same hour in the last four weeks):"
                    + " check that its server is not misused."));
        }
    }
}
