package org.passerelle.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.passerelle.testing.SteppingClock;

class AuthThrottleTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final AuthThrottle throttle = new AuthThrottle(5, 3, Duration.ofMinutes(15), clock);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void aClientThatFailedItsLimitIsThrottledWhateverTheLoginAndOnAnyConnection() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertNull(throttle.throttled(address("198.51.100.7"), "user" + i));
            throttle.failed(address("198.51.100.7"), "user" + i);
        }
        String why = throttle.throttled(address("198.51.100.7"), "alice");
        assertNotNull(why);
        assertTrue(why.contains("client 198.51.100.7 failed AUTH 5 times"), why);
        assertNull(throttle.throttled(address("198.51.100.8"), "alice"), "another client is not concerned");
    }

    @Test
    void aLoginGuessedFromManyAddressesIsThrottled() throws Exception {
        for (int i = 1; i <= 3; i++) {
            throttle.failed(address("198.51.100." + i), "Alice");
        }
        assertEquals("login failed AUTH 3 times within 900 s", throttle.throttled(address("203.0.113.9"), "alice"));
        assertNull(throttle.throttled(address("203.0.113.9"), "bob"));
    }

    @Test
    void theAddressesOfOneIpv6Slash64AreOneClient() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.failed(address("2001:db8:7:7::" + i), "user" + i);
        }
        assertNotNull(throttle.throttled(address("2001:db8:7:7:ffff::1"), "alice"));
        assertNull(throttle.throttled(address("2001:db8:7:8::1"), "alice"));
    }

    @Test
    void theThrottleEndsWithItsWindow() throws Exception {
        for (int i = 0; i < 3; i++) {
            throttle.failed(address("198.51.100.7"), "alice");
        }
        clock.advance(Duration.ofMinutes(15));
        assertNull(throttle.throttled(address("198.51.100.7"), "alice"));
    }
}
