package org.passerelle.delivery;

import java.time.Duration;

import org.passerelle.settings.Setting;

/**
 * How Passerelle delivers: the next hop every message goes to (the smart host), how long it waits
 * before retrying a deferred message, and the name it gives in EHLO.
 */
public record DeliverySettings(NextHop nextHop, Duration minimalBackoff, String hostName) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(
                NextHop.parse(Setting.text("psl.next-hop")),
                Setting.seconds("psl.minimal-backoff-seconds"),
                Setting.text("psl.hostname"));
    }
}
