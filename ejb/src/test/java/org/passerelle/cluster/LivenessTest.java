package org.passerelle.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LivenessTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private final Liveness defaults = new Liveness(Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void aNodeIsDeadWhenItsHeartbeatIsOlderThanTheDeadTime() {
        assertEquals(NOW.minusSeconds(30), defaults.deadBefore(NOW));
    }

    @Test
    void aNodeClaimsWhileItsLastHeartbeatLeavesTheOthersAHeartbeatToSpare() {
        assertTrue(defaults.mayClaim(NOW.minusSeconds(6), NOW), "a heartbeat a little late");
        assertTrue(defaults.mayClaim(NOW.minusSeconds(24), NOW));
        assertFalse(defaults.mayClaim(NOW.minusSeconds(25), NOW), "the others may take it for dead before its next heartbeat");
        assertFalse(defaults.mayClaim(null, NOW), "never written");
    }

    @Test
    void aDeadTimeOfLessThanThreeHeartbeatsIsRefusedNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new Liveness(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertTrue(refused.getMessage().startsWith("PSL_NODE_DEAD_SECONDS (10) must be at least three heartbeats (15 s)"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Liveness(Duration.ZERO, Duration.ofSeconds(30)));
    }
}
