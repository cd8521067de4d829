package org.passerelle.smtp.server;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a listener's open connections per client address, so that one client cannot take all
 * its sessions (Postfix's {@code smtpd_client_connection_count_limit}).
 */
final class ConnectionLimiter {

    private final int limit;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionLimiter(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection from {@code client}; {@code false} (and not counted) when it has too many. */
    boolean admit(InetAddress client) {
        if (open.merge(client, 1, Integer::sum) > limit) {
            release(client);
            return false;
        }
        return true;
    }

    /** An admitted connection from {@code client} has closed. */
    void release(InetAddress client) {
        open.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }
}
