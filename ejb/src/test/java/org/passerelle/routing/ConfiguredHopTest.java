package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.NextHop;

class ConfiguredHopTest {

    @Test
    void bracketsNameTheHostItself() {
        ConfiguredHop hop = ConfiguredHop.parse("[mail.corp.test]:2525");
        assertEquals(new NextHop("mail.corp.test", 2525), hop.hop());
        assertFalse(hop.viaMx());
        assertEquals("[mail.corp.test]:2525", hop.toString());
    }

    @Test
    void aHostNameWithoutBracketsIsLookedUpInMxRecords() {
        ConfiguredHop hop = ConfiguredHop.parse("relay.partner.test");
        assertEquals(new NextHop("relay.partner.test", 25), hop.hop());
        assertTrue(hop.viaMx());
        assertEquals("relay.partner.test:25", hop.toString());
    }

    @Test
    void anIpAddressNeedsNoBrackets() {
        assertFalse(ConfiguredHop.parse("127.0.0.1:2526").viaMx());
        assertFalse(ConfiguredHop.parse("[2001:db8::25]:25").viaMx());
    }

    @Test
    void refusesWhatIsNoNextHop() {
        assertThrows(IllegalArgumentException.class, () -> ConfiguredHop.parse("[mail.corp.test:25"));
        assertThrows(IllegalArgumentException.class, () -> ConfiguredHop.parse("mail.corp.test:smtp"));
    }
}
