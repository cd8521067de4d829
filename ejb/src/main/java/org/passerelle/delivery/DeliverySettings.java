package org.passerelle.delivery;

import java.time.Duration;

import org.passerelle.settings.Setting;

/**
 * How Passerelle delivers: when deferred messages are tried again and for how long, how many
 * crashed attempts put a message on hold, after how long a sender hears that a message is delayed
 * (zero: never), and how delivery rounds are made: how many workers, how many messages each claims
 * at most, how long it lets a batch gather after a wake-up, how long its claim lasts (the node's
 * name and boot, which its claims carry, are {@code cluster.NodeIdentity}'s). Where each recipient goes is the routing's business
 * ({@code org.passerelle.routing}), how it talks to next hops the SMTP connector's connection
 * factory's (see its README).
 */
public record DeliverySettings(RetrySchedule schedule, int crashLimit, Duration delayWarning, int workers, int batchSize,
                               Duration batchWait, Duration lease) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(
                new RetrySchedule(Setting.seconds("psl.minimal-backoff-seconds"), Setting.seconds("psl.maximal-backoff-seconds"),
                        Setting.seconds("psl.maximal-queue-lifetime-seconds")),
                Setting.integer("psl.delivery.crash-limit"),
                Setting.seconds("psl.delay-warning-seconds"),
                Setting.integer("psl.delivery.concurrency"),
                Setting.integer("psl.delivery.batch-size"),
                Duration.ofMillis(Setting.integer("psl.delivery.batch-wait-millis")),
                Setting.seconds("psl.delivery.lease-seconds"));
    }
}
