package org.passerelle.routing;

import java.util.Optional;

import org.passerelle.settings.Setting;

/**
 * How Passerelle routes mail: the smart host that takes all mail the directory does not route
 * ({@code psl.smart-host}, none when empty), the DNS server asked for MX records
 * ({@code psl.dns.resolver}, {@code host:port}; the system's when empty), and the most
 * {@code Received:} fields a message may carry before it is taken for a loop
 * ({@code psl.hop-count-limit}).
 */
public record RoutingSettings(Optional<ConfiguredHop> smartHost, Optional<String> dnsResolver, int hopCountLimit) {

    public static RoutingSettings fromServer() {
        return new RoutingSettings(
                Setting.optionalText("psl.smart-host").map(ConfiguredHop::parse),
                Setting.optionalText("psl.dns.resolver"),
                Setting.integer("psl.hop-count-limit"));
    }
}
