package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.server.ConnectionLimiter.Admission;

class ConnectionLimiterTest {

    private final ConnectionLimiter limiter = new ConnectionLimiter(2, 100);

    @Test
    void admitsUpToTheLimitPerAddressAndAgainOnceOneCloses() throws UnknownHostException {
        InetAddress client = InetAddress.getByName("192.0.2.10");

        assertEquals(Admission.ADMITTED, limiter.admit(client));
        assertEquals(Admission.ADMITTED, limiter.admit(client));
        assertEquals(Admission.TOO_MANY_FROM_CLIENT, limiter.admit(client));
        assertEquals(Admission.ADMITTED, limiter.admit(InetAddress.getByName("192.0.2.11")));

        limiter.release(client);
        assertEquals(Admission.ADMITTED, limiter.admit(client));
        assertEquals(Admission.TOO_MANY_FROM_CLIENT, limiter.admit(client));
    }

    @Test
    void forgetsARefusedConnection() throws UnknownHostException {
        InetAddress client = InetAddress.getByName("192.0.2.10");
        for (int i = 0; i < 10; i++) {
            limiter.admit(client);
        }

        limiter.release(client);
        limiter.release(client);

        assertEquals(Admission.ADMITTED, limiter.admit(client));
    }

    @Test
    void countsTheAddressesOfOneIpv6Slash64AsOneClient() throws UnknownHostException {
        assertEquals(Admission.ADMITTED, limiter.admit(InetAddress.getByName("2001:db8:1:2::1")));
        assertEquals(Admission.ADMITTED, limiter.admit(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        assertEquals(Admission.TOO_MANY_FROM_CLIENT, limiter.admit(InetAddress.getByName("2001:db8:1:2:ffff::9")));
        assertEquals(Admission.ADMITTED, limiter.admit(InetAddress.getByName("2001:db8:1:3::1")), "another /64");

        limiter.release(InetAddress.getByName("2001:db8:1:2::1"));
        assertEquals(Admission.ADMITTED, limiter.admit(InetAddress.getByName("2001:db8:1:2:ffff::9")));
    }

    @Test
    void capsTheConnectionsOfAllClientsTogether() throws UnknownHostException {
        ConnectionLimiter capped = new ConnectionLimiter(2, 3);
        assertEquals(Admission.ADMITTED, capped.admit(InetAddress.getByName("192.0.2.1")));
        assertEquals(Admission.ADMITTED, capped.admit(InetAddress.getByName("192.0.2.2")));
        assertEquals(Admission.ADMITTED, capped.admit(InetAddress.getByName("192.0.2.3")));
        assertEquals(Admission.TOO_MANY_IN_ALL, capped.admit(InetAddress.getByName("192.0.2.4")));

        capped.release(InetAddress.getByName("192.0.2.1"));
        assertEquals(Admission.ADMITTED, capped.admit(InetAddress.getByName("192.0.2.4")));
    }
}
