package org.passerelle.delivery;

import java.time.Duration;

import org.passerelle.settings.Setting;

/**
 * How Passerelle delivers: when deferred messages are tried again and for how long, how many
 * crashed attempts put a message on hold, and after how long a sender hears that a message is
 * delayed (zero: never). Where each recipient goes is the routing's business
 * ({@code org.passerelle.routing}), how it talks to next hops the SMTP connector's connection
 * factory's (see its README).
 */
public record DeliverySettings(RetrySchedule schedule, int crashLimit, Duration delayWarning) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(
                new RetrySchedule(Setting.seconds("psl.minimal-backoff-seconds"), Setting.seconds("psl.maximal-backoff-seconds"),
                        Setting.seconds("psl.maximal-queue-lifetime-seconds")),
                Setting.integer("psl.delivery.crash-limit"),
                Setting.seconds("psl.delay-warning-seconds"));
    }
}
