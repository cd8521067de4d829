package org.passerelle.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NextHopTest {

    @Test
    void readsPostfixStyleNextHops() {
        assertEquals(new NextHop("mail.corp.test", 25), NextHop.parse("[mail.corp.test]:25"));
        assertEquals(new NextHop("127.0.0.1", 2526), NextHop.parse("127.0.0.1:2526"));
        assertEquals(new NextHop("smarthost.test", 25), NextHop.parse("smarthost.test"));
        assertEquals(new NextHop("2001:db8::25", 587), NextHop.parse("[2001:db8::25]:587"));
    }

    @Test
    void refusesBrokenNextHops() {
        assertThrows(IllegalArgumentException.class, () -> NextHop.parse("[mail.corp.test:25"));
        assertThrows(IllegalArgumentException.class, () -> NextHop.parse("mail.corp.test:smtp"));
        assertThrows(IllegalArgumentException.class, () -> NextHop.parse("mail.corp.test:70000"));
        assertThrows(IllegalArgumentException.class, () -> NextHop.parse(":25"));
    }
}
