package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkRangeTest {

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void ipv4NetworkHoldsItsAddressesOnly() throws Exception {
        NetworkRange network = NetworkRange.parse("10.20.0.0/24");
        assertTrue(network.contains(ip("10.20.0.0")));
        assertTrue(network.contains(ip("10.20.0.255")));
        assertFalse(network.contains(ip("10.20.1.0")));
        assertFalse(network.contains(ip("10.19.255.255")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.77/24", "10.20.0.5/0", "2001:db8::1/32", "192.168.4.1/31"})
    void aNetworkWithHostBitsSetIsRefusedNotWidened(String typo) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> NetworkRange.parse(typo));
        assertTrue(refused.getMessage().contains("host bits"), refused.getMessage());
    }

    @Test
    void theRefusalNamesTheNetworkTheTypoWouldHaveMeant() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkRange.parse("10.20.0.5/0")).getMessage()
                .contains("0.0.0.0/0"));
    }

    @Test
    void singleAddressIsAHostNetwork() throws Exception {
        NetworkRange host = NetworkRange.parse("127.0.0.1");
        assertEquals(32, host.prefixLength());
        assertTrue(host.contains(ip("127.0.0.1")));
        assertFalse(host.contains(ip("127.0.0.2")));
    }

    @Test
    void oddPrefixLengthsCutInsideAByte() throws Exception {
        NetworkRange network = NetworkRange.parse("192.168.4.0/22");
        assertTrue(network.contains(ip("192.168.7.200")));
        assertFalse(network.contains(ip("192.168.8.1")));
    }

    @Test
    void zeroPrefixHoldsEveryAddressOfItsFamily() throws Exception {
        NetworkRange all = NetworkRange.parse("0.0.0.0/0");
        assertTrue(all.contains(ip("203.0.113.9")));
        assertFalse(all.contains(ip("2001:db8::1")));
    }

    @Test
    void ipv6Network() throws Exception {
        NetworkRange network = NetworkRange.parse("2001:db8:20::/48");
        assertTrue(network.ipv6());
        assertTrue(network.contains(ip("2001:db8:20:ffff::1")));
        assertFalse(network.contains(ip("2001:db8:21::1")));
        assertFalse(network.contains(ip("10.20.0.1")));
    }

    @Test
    void ipv4MappedClientIsComparedAsIpv4() throws Exception {
        assertTrue(NetworkRange.parse("10.20.0.0/24").contains(ip("::ffff:10.20.0.5")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.20.0.0/33", "10.20.0/24", "mail.example.com", "10.20.0.0/", "10.20.0.0/-1",
            "2001:db8::/129", "10.20.0.0/24/8", "300.1.1.1"})
    void refusesWhatIsNotANetwork(String text) {
        assertThrows(IllegalArgumentException.class, () -> NetworkRange.parse(text));
    }

    @Test
    void networksOverlapWhenOneHoldsTheOther() {
        assertTrue(NetworkRange.parse("10.20.0.0/16").overlaps(NetworkRange.parse("10.20.5.0/24")));
        assertTrue(NetworkRange.parse("10.20.5.7").overlaps(NetworkRange.parse("10.20.5.0/24")));
        assertTrue(NetworkRange.parse("2001:db8:20::/48").overlaps(NetworkRange.parse("2001:db8:20:1::/64")));
        assertFalse(NetworkRange.parse("10.20.0.0/24").overlaps(NetworkRange.parse("10.20.1.0/24")));
        assertFalse(NetworkRange.parse("10.20.0.0/24").overlaps(NetworkRange.parse("::/0")), "IPv4 never overlaps IPv6");
    }
}
