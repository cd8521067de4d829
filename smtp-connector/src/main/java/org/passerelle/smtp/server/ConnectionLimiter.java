package org.passerelle.smtp.server;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.passerelle.smtp.ClientNetwork;

/**
 * Counts a listener's open connections, in all and per client (an IPv4 address, or an IPv6 /64:
 * {@link ClientNetwork}), so that neither all clients together nor one of them can take every
 * session the gateway can hold (Postfix's process limit and {@code smtpd_client_connection_count_limit}).
 */
final class ConnectionLimiter {

    /** Whether a new connection may go on, and if not, which limit stopped it. */
    enum Admission { ADMITTED, TOO_MANY_FROM_CLIENT, TOO_MANY_IN_ALL }

    private final int clientLimit;
    private final int totalLimit;
    private final Map<ClientNetwork, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    ConnectionLimiter(int clientLimit, int totalLimit) {
        this.clientLimit = clientLimit;
        this.totalLimit = totalLimit;
    }

    /**
     * Counts a new connection from {@code client}; only an {@link Admission#ADMITTED} one is
     * counted and must be {@link #release released} when it closes.
     */
    Admission admit(InetAddress client) {
        if (total.incrementAndGet() > totalLimit) {
            total.decrementAndGet();
            return Admission.TOO_MANY_IN_ALL;
        }
        ClientNetwork network = ClientNetwork.of(client);
        if (open.merge(network, 1, Integer::sum) > clientLimit) {
            release(client);
            return Admission.TOO_MANY_FROM_CLIENT;
        }
        return Admission.ADMITTED;
    }

    /** An admitted connection from {@code client} has closed. */
    void release(InetAddress client) {
        open.computeIfPresent(ClientNetwork.of(client), (network, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
