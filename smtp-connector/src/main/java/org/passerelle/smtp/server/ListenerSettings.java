package org.passerelle.smtp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How one SMTP listener is set up.
 *
 * @param name             the listener's name, as the endpoint sees it (e.g. {@code relay})
 * @param bindAddress      the local address to listen on ({@code 0.0.0.0} for all)
 * @param port             the TCP port; 0 takes any free port (for tests)
 * @param hostName         this server's name, in the banner and in replies
 * @param messageSizeLimit largest accepted message, in bytes, as advertised by SIZE
 * @param recipientLimit   most recipients in one transaction
 * @param idleTimeout      how long a client may stay silent before it is disconnected
 * @param endpointThreads  threads calling the endpoint; each session stays on one of them, and a
 *                         session waiting on a slow endpoint holds its thread
 */
public record ListenerSettings(String name, String bindAddress, int port, String hostName, long messageSizeLimit,
                               int recipientLimit, Duration idleTimeout, int endpointThreads) {

    public static final long DEFAULT_MESSAGE_SIZE_LIMIT = 10_240_000;
    public static final int DEFAULT_RECIPIENT_LIMIT = 100;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_ENDPOINT_THREADS = 16;

    public ListenerSettings {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("listener name must be letters, digits, '.', '_' or '-': " + name);
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("listener " + name + ": bind address is missing");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + name + ": port must be within 0-65535, not " + port);
        }
        if (hostName == null || !hostName.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("listener " + name + ": host name must be one printable word: " + hostName);
        }
        if (messageSizeLimit <= 0) {
            throw new IllegalArgumentException("listener " + name + ": message size limit must be positive, not "
                    + messageSizeLimit);
        }
        if (recipientLimit <= 0) {
            throw new IllegalArgumentException("listener " + name + ": recipient limit must be positive, not "
                    + recipientLimit);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("listener " + name + ": idle timeout must be positive, not " + idleTimeout);
        }
        if (endpointThreads <= 0) {
            throw new IllegalArgumentException("listener " + name + ": endpoint threads must be positive, not "
                    + endpointThreads);
        }
    }

    /** A listener with the default limits. */
    public static ListenerSettings of(String name, String bindAddress, int port, String hostName) {
        return new ListenerSettings(name, bindAddress, port, hostName, DEFAULT_MESSAGE_SIZE_LIMIT,
                DEFAULT_RECIPIENT_LIMIT, DEFAULT_IDLE_TIMEOUT, DEFAULT_ENDPOINT_THREADS);
    }

    public ListenerSettings withMessageSizeLimit(long bytes) {
        return new ListenerSettings(name, bindAddress, port, hostName, bytes, recipientLimit, idleTimeout,
                endpointThreads);
    }

    public ListenerSettings withRecipientLimit(int recipients) {
        return new ListenerSettings(name, bindAddress, port, hostName, messageSizeLimit, recipients, idleTimeout,
                endpointThreads);
    }

    public ListenerSettings withIdleTimeout(Duration timeout) {
        return new ListenerSettings(name, bindAddress, port, hostName, messageSizeLimit, recipientLimit, timeout,
                endpointThreads);
    }

    public ListenerSettings withEndpointThreads(int threads) {
        return new ListenerSettings(name, bindAddress, port, hostName, messageSizeLimit, recipientLimit, idleTimeout,
                threads);
    }
}
