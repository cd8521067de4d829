package org.passerelle.smtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit in which clients are counted for limits (connections, failed AUTH): an IPv4 address on
 * its own, an IPv6 address by its /64 network, since one host holds a whole /64 and can change
 * address within it at will (RFC 4291 §2.5.1, privacy addresses of RFC 8981).
 */
public record ClientNetwork(InetAddress network) {

    /** Interface identifiers are the low 64 bits of an IPv6 unicast address. */
    public static final int IPV6_PREFIX_LENGTH = 64;

    public static ClientNetwork of(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return new ClientNetwork(client);
        }
        byte[] bytes = Arrays.copyOf(client.getAddress(), 16);
        Arrays.fill(bytes, IPV6_PREFIX_LENGTH / 8, 16, (byte) 0);
        try {
            return new ClientNetwork(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 octets always make an IPv6 address", e);
        }
    }

    @Override
    public String toString() {
        return network instanceof Inet6Address ? network.getHostAddress() + "/" + IPV6_PREFIX_LENGTH : network.getHostAddress();
    }
}
