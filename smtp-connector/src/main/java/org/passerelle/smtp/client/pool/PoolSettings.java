package org.passerelle.smtp.client.pool;

import java.time.Duration;

/**
 * Limits of the SMTP client connections.
 *
 * @param nextHopConnectionLimit most connections open to one next hop
 * @param connectionLimit        most connections open in all
 * @param connectionWait         how long a delivery waits for a connection before it is deferred
 * @param idleTimeout            how long an unused connection stays open
 * @param reuseLimit             most transactions over one connection
 */
public record PoolSettings(int nextHopConnectionLimit, int connectionLimit, Duration connectionWait,
                           Duration idleTimeout, int reuseLimit) {

    public PoolSettings {
        if (nextHopConnectionLimit < 1 || connectionLimit < 1 || reuseLimit < 1) {
            throw new IllegalArgumentException("SMTP client connection limits must be at least 1");
        }
        if (connectionWait.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("SMTP client connection wait and idle time cannot be negative");
        }
    }
}
