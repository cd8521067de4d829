package org.passerelle.delivery;

import java.time.Duration;

import org.passerelle.settings.Setting;
import org.passerelle.smtp.client.NextHop;

/**
 * How Passerelle delivers: the next hop every message goes to (the smart host) and how long it
 * waits before retrying a deferred message. How it talks to next hops is the SMTP connector's
 * connection factory's business (see its README).
 */
public record DeliverySettings(NextHop nextHop, Duration minimalBackoff) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(
                NextHop.parse(Setting.text("psl.next-hop")),
                Setting.seconds("psl.minimal-backoff-seconds"));
    }
}
