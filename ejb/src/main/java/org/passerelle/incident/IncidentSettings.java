package org.passerelle.incident;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.MailAddress;

/**
 * The incident process's settings (docs/incidents.md): each actor's distribution list, how often
 * the monitors run, and their thresholds.
 *
 * @param nextHopFailing how long a next hop's deliveries fail before an incident (0: at the first failure)
 * @param queueAge how old the oldest message waiting in the queue may get
 * @param failurePercent the share of failed delivery attempts in the window above which deliveries are failing
 * @param failureMinimum the attempts the window needs before their share counts
 * @param certificateDays the days before the SMTP certificate's expiry from which an incident is raised
 * @param certificateReadEvery how long the monitors judge the certificate they last read before reading it again
 */
public record IncidentSettings(Map<Actor, MailAddress> lists, Duration monitorEvery, Duration nextHopFailing, Duration queueAge,
                               int failurePercent, int failureMinimum, Duration failureWindow, int certificateDays,
                               Duration certificateReadEvery) {

    public IncidentSettings {
        lists = Map.copyOf(lists);
        if (monitorEvery.isNegative() || monitorEvery.isZero()) {
            throw new IllegalStateException("PSL_INCIDENT_MONITOR_SECONDS must be at least 1");
        }
        if (failurePercent < 1 || failurePercent > 100) {
            throw new IllegalStateException("PSL_INCIDENT_DELIVERY_FAILURE_PERCENT must be between 1 and 100: " + failurePercent);
        }
        if (nextHopFailing.isNegative() || queueAge.isNegative() || failureMinimum < 1 || failureWindow.isNegative()
                || failureWindow.isZero() || certificateDays < 0 || certificateReadEvery.isNegative()) {
            throw new IllegalStateException("the incident monitors' thresholds are positive (docs/incidents.md)");
        }
    }

    public static IncidentSettings fromServer() {
        Map<Actor, MailAddress> lists = new EnumMap<>(Actor.class);
        lists.put(Actor.SERVICE_OWNER, address("psl.incident.service-owner-address"));
        lists.put(Actor.OPERATIONS, address("psl.operations-address"));
        lists.put(Actor.NETWORK_STEERING_CELL, address("psl.incident.network-steering-cell-address"));
        lists.put(Actor.NETWORK_OPERATOR, address("psl.incident.network-operator-address"));
        lists.put(Actor.HOSTING_PROVIDER, address("psl.incident.hosting-provider-address"));
        return new IncidentSettings(lists, Setting.seconds("psl.incident.monitor-seconds"),
                Duration.ofMinutes(Setting.integer("psl.incident.next-hop-failing-minutes")),
                Duration.ofMinutes(Setting.integer("psl.incident.queue-age-minutes")),
                Setting.integer("psl.incident.delivery-failure-percent"), Setting.integer("psl.incident.delivery-failure-minimum"),
                Duration.ofMinutes(Setting.integer("psl.incident.delivery-failure-window-minutes")),
                Setting.integer("psl.incident.certificate-days"),
                Duration.ofMinutes(Setting.integer("psl.incident.certificate-read-minutes")));
    }

    private static MailAddress address(String name) {
        String value = Setting.text(name);
        try {
            return MailAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting " + name + " is not a mail address: " + value, e);
        }
    }

    public MailAddress listOf(Actor actor) {
        return lists.get(actor);
    }
}
