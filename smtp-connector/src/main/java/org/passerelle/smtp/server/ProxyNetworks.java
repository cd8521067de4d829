package org.passerelle.smtp.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The load balancers a listener believes when they say, in a PROXY protocol header, which client
 * a connection comes from: literal addresses or CIDR networks, e.g. {@code 127.0.0.30/32, 10.0.0.0/29}.
 * A connection from anywhere else is the client itself, and a header it sends is only bytes. Empty:
 * no load balancer, every connection is its client.
 *
 * <p>The connector knows nothing of the gateway's own network type, so it reads these itself: a
 * literal address only (never DNS), and no host bits (a typo such as {@code 10.0.0.5/8} would
 * trust a far wider network than meant).
 */
public final class ProxyNetworks {

    public static final ProxyNetworks NONE = new ProxyNetworks(List.of(), "");

    /** One network: its address bytes with the host bits cleared, and its prefix length. */
    private record Network(byte[] address, int prefix) {

        boolean holds(byte[] candidate) {
            return candidate.length == address.length && Arrays.equals(masked(candidate, prefix), address);
        }
    }

    private final List<Network> networks;
    private final String text;

    private ProxyNetworks(List<Network> networks, String text) {
        this.networks = networks;
        this.text = text;
    }

    /**
     * @param text addresses or CIDR networks separated by commas or spaces; blank for none
     * @throws IllegalArgumentException naming the entry that is not an address or a network
     */
    public static ProxyNetworks parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<String> entries = List.of(text.strip().split("[,\\s]+"));
        return new ProxyNetworks(entries.stream().map(ProxyNetworks::network).toList(), String.join(",", entries));
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(address.contains(":") && address.matches("[0-9A-Fa-f:.]+"))) {
            throw new IllegalArgumentException("proxy network " + entry + " is not an IP address or a CIDR network");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("proxy network " + entry + " is not an IP address or a CIDR network", e);
        }
        int longest = bytes.length * 8;
        String prefixText = slash < 0 ? String.valueOf(longest) : entry.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > longest) {
            throw new IllegalArgumentException("proxy network " + entry + ": the prefix length must be 0 to " + longest);
        }
        int prefix = Integer.parseInt(prefixText);
        if (!Arrays.equals(masked(bytes, prefix), bytes)) {
            throw new IllegalArgumentException("proxy network " + entry + " has host bits set: write its network address");
        }
        return new Network(bytes, prefix);
    }

    /** Whether a connection from this peer is a load balancer's, whose PROXY header names the client. */
    public boolean trusts(InetAddress peer) {
        byte[] candidate = peer.getAddress();
        return networks.stream().anyMatch(network -> network.holds(candidate));
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int kept = Math.max(0, Math.min(8, prefix - 8 * i));
            masked[i] &= (byte) (0xff << (8 - kept));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyNetworks that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The networks as configured, comma-separated. */
    @Override
    public String toString() {
        return text;
    }
}
