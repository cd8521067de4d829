package org.passerelle.delivery;

import java.time.Duration;

import org.passerelle.settings.Setting;

/**
 * How Passerelle delivers: how long it waits before retrying a deferred message. Where each
 * recipient goes is the routing's business ({@code org.passerelle.routing}), how it talks to next
 * hops the SMTP connector's connection factory's (see its README).
 */
public record DeliverySettings(Duration minimalBackoff) {

    public static DeliverySettings fromServer() {
        return new DeliverySettings(Setting.seconds("psl.minimal-backoff-seconds"));
    }
}
