package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyNetworksTest {

    @Test
    void trustsTheAddressesAndNetworksListedOnly() throws UnknownHostException {
        ProxyNetworks balancers = ProxyNetworks.parse(" 127.0.0.30, 10.1.2.0/29 2001:db8:5::/64 ");

        assertTrue(balancers.trusts(address("127.0.0.30")));
        assertFalse(balancers.trusts(address("127.0.0.31")));
        assertTrue(balancers.trusts(address("10.1.2.7")));
        assertFalse(balancers.trusts(address("10.1.2.8")));
        assertTrue(balancers.trusts(address("2001:db8:5::42")));
        assertFalse(balancers.trusts(address("2001:db8:6::42")));
        assertEquals("127.0.0.30,10.1.2.0/29,2001:db8:5::/64", balancers.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blankTrustsNobody(String text) throws UnknownHostException {
        ProxyNetworks none = ProxyNetworks.parse(text);

        assertTrue(none.isEmpty());
        assertFalse(none.trusts(address("127.0.0.1")));
        assertEquals(ProxyNetworks.NONE, ProxyNetworks.parse(null));
    }

    @Test
    void refusesWhatIsNotALiteralAddressOrNetworkNamingTheEntry() {
        assertEquals("proxy network lb.example.com is not an IP address or a CIDR network",
                assertThrows(IllegalArgumentException.class, () -> ProxyNetworks.parse("10.0.0.1, lb.example.com")).getMessage());
        assertEquals("proxy network 10.0.0.0/33: the prefix length must be 0 to 32",
                assertThrows(IllegalArgumentException.class, () -> ProxyNetworks.parse("10.0.0.0/33")).getMessage());
        assertEquals("proxy network 10.0.0.5/8 has host bits set: write its network address",
                assertThrows(IllegalArgumentException.class, () -> ProxyNetworks.parse("10.0.0.5/8")).getMessage());
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
