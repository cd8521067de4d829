package org.passerelle.delivery;

import org.passerelle.settings.Setting;

/**
 * How Passerelle delivers: when deferred messages are tried again and for how long, and how many
 * crashed attempts put a message on hold. Where each recipient goes is the routing's business
 * ({@code org.passerelle.routing}), how it talks to next hops the SMTP connector's connection
 * factory's (see its README).
 */
public record DeliverySettings(RetrySchedule schedule, int crashLimit) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(
                new RetrySchedule(Setting.seconds("psl.minimal-backoff-seconds"), Setting.seconds("psl.maximal-backoff-seconds"),
                        Setting.seconds("psl.maximal-queue-lifetime-seconds")),
                Setting.integer("psl.delivery.crash-limit"));
    }
}
