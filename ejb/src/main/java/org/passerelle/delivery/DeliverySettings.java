package org.passerelle.delivery;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.client.NextHop;

/**
 * How Passerelle delivers: the next hop every message goes to (the smart host), when deferred
 * messages are tried again and for how long, and how many crashed attempts put a message on hold.
 * How it talks to next hops is the SMTP connector's connection factory's business (see its README).
 */
public record DeliverySettings(NextHop nextHop, RetrySchedule schedule, int crashLimit) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(
                NextHop.parse(Setting.text("psl.next-hop")),
                new RetrySchedule(Setting.seconds("psl.minimal-backoff-seconds"), Setting.seconds("psl.maximal-backoff-seconds"),
                        Setting.seconds("psl.maximal-queue-lifetime-seconds")),
                Setting.integer("psl.delivery.crash-limit"));
    }
}
