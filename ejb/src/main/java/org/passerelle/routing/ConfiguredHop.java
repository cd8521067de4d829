package org.passerelle.routing;

import org.passerelle.smtp.client.NextHop;

/**
 * A next hop as the directory and the settings write it, read as Postfix reads its next hops:
 * {@code [host]:port} is that host; {@code host:port} is the host's mail exchangers (its MX
 * records, else the host itself), each at that port. An IP address needs no MX lookup, with or
 * without brackets. The port defaults to 25.
 *
 * @param viaMx whether the host's MX records name the hosts to connect to
 */
public record ConfiguredHop(NextHop hop, boolean viaMx) {

    /** @throws IllegalArgumentException when the text is not a next hop */
    public static ConfiguredHop parse(String text) {
        NextHop hop = NextHop.parse(text);
        return new ConfiguredHop(hop, !text.trim().startsWith("[") && !ipAddress(hop.host()));
    }

    // an IPv6 address without brackets does not get this far: NextHop takes its last colon for a port
    private static boolean ipAddress(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public String toString() {
        return viaMx ? hop.host() + ":" + hop.port() : hop.toString();
    }
}
