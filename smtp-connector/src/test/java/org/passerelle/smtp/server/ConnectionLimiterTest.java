package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    private final ConnectionLimiter limiter = new ConnectionLimiter(2);

    @Test
    void admitsUpToTheLimitPerAddressAndAgainOnceOneCloses() throws UnknownHostException {
        InetAddress client = InetAddress.getByName("192.0.2.10");

        assertTrue(limiter.admit(client));
        assertTrue(limiter.admit(client));
        assertFalse(limiter.admit(client));
        assertTrue(limiter.admit(InetAddress.getByName("192.0.2.11")));

        limiter.release(client);
        assertTrue(limiter.admit(client));
        assertFalse(limiter.admit(client));
    }

    @Test
    void forgetsARefusedConnection() throws UnknownHostException {
        InetAddress client = InetAddress.getByName("192.0.2.10");
        for (int i = 0; i < 10; i++) {
            limiter.admit(client);
        }

        limiter.release(client);
        limiter.release(client);

        assertTrue(limiter.admit(client));
    }
}
