package org.passerelle.directory;

import org.passerelle.settings.Setting;

/**
 * The widest networks an application may hold: a prefix length at least {@code PSL_MINIMAL_IPV4_PREFIX_LENGTH}
 * for IPv4 (default 24) and {@code PSL_MINIMAL_IPV6_PREFIX_LENGTH} for IPv6 (default 56), private
 * and public ranges alike, so that no request opens the relay to a whole site by mistake.
 */
public record NetworkLimits(int minimalIpv4PrefixLength, int minimalIpv6PrefixLength) {

    public static NetworkLimits fromServer() {
        return new NetworkLimits(Setting.integer("psl.minimal-ipv4-prefix-length"), Setting.integer("psl.minimal-ipv6-prefix-length"));
    }
}
