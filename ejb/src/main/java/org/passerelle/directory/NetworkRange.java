package org.passerelle.directory;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.20.0.0/24}, {@code 2001:db8::/32}), or a
 * single address. An IPv4 client never matches an IPv6 network and the reverse, except that an
 * IPv4-mapped IPv6 client address ({@code ::ffff:10.20.0.5}) is compared as IPv4.
 */
public final class NetworkRange {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private NetworkRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when the text is not an address or a CIDR network, or when it
     *         has host bits set ({@code 10.20.0.5/0}): such a typo would silently stand for a far
     *         wider network ({@code 0.0.0.0/0}) than the one its author meant
     */
    public static NetworkRange parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literalAddress(addressText, cidr);
        int maxPrefix = address.length * 8;
        int prefix = slash < 0 ? maxPrefix : prefixLength(trimmed.substring(slash + 1), maxPrefix, cidr);
        byte[] network = mask(address, prefix);
        if (!java.util.Arrays.equals(network, address)) {
            throw new IllegalArgumentException(trimmed + " has host bits set: the network of that prefix is "
                    + addressText(network) + "/" + prefix + "; write the network address, or the address alone for one host");
        }
        return new NetworkRange(network, prefix, trimmed);
    }

    /**
     * A literal IPv4 or IPv6 address, never looked up in DNS.
     *
     * @throws IllegalArgumentException when the text is not a literal address
     */
    public static InetAddress address(String text) {
        try {
            return InetAddress.getByAddress(literalAddress(text.trim(), text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    /**
     * The network of that prefix length holding the client, an IPv4-mapped IPv6 address taken as
     * the IPv4 address it carries: {@code 192.0.2.77} with 24 is {@code 192.0.2.0/24}.
     */
    public static NetworkRange enclosing(InetAddress client, int ipv4Prefix, int ipv6Prefix) {
        byte[] address = comparable(client.getAddress());
        int prefix = address.length == 4 ? ipv4Prefix : ipv6Prefix;
        byte[] network = mask(address, prefix);
        return new NetworkRange(network, prefix, addressText(network) + "/" + prefix);
    }

    public boolean contains(InetAddress client) {
        byte[] candidate = comparable(client.getAddress());
        if (candidate.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(candidate, prefixLength), network);
    }

    /** Whether some address lies in both networks: then one holds the other. */
    public boolean overlaps(NetworkRange other) {
        if (other.network.length != network.length) {
            return false;
        }
        int shorter = Math.min(prefixLength, other.prefixLength);
        return java.util.Arrays.equals(mask(network, shorter), mask(other.network, shorter));
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean ipv6() {
        return network.length == 16;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String addressText(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    // Only literal addresses: a host name here would make matching depend on DNS.
    private static byte[] literalAddress(String text, String whole) {
        boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address or CIDR network: " + whole);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR network: " + whole, e);
        }
    }

    private static int prefixLength(String text, int max, String whole) {
        if (!text.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("bad prefix length in " + whole);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > max) {
            throw new IllegalArgumentException("prefix length over " + max + " in " + whole);
        }
        return prefix;
    }

    private static byte[] comparable(byte[] address) {
        if (address.length == 16 && isIpv4Mapped(address)) {
            return java.util.Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - bitsKept));
        }
        return masked;
    }
}
