package org.passerelle.smtp.server;

import java.time.Duration;
import java.util.Objects;

import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.tls.TlsSettings;

/**
 * How one SMTP listener is set up. Build one with {@link #builder}; unset values take the defaults
 * below.
 *
 * @param name                  the listener's name, as the endpoint sees it (e.g. {@code relay})
 * @param bindAddress           the local address to listen on ({@code 0.0.0.0} for all)
 * @param port                  the TCP port; 0 takes any free port (for tests)
 * @param hostName              this server's name, in the banner and in replies
 * @param mode                  relay, submission or submissions: how TLS and AUTH are offered and required
 * @param tls                   where the certificate comes from
 * @param messageSizeLimit      largest accepted message, in bytes, as advertised by SIZE
 * @param recipientLimit        most recipients in one transaction
 * @param idleTimeout           how long a client may stay silent before it is disconnected
 * @param sessionTimeout        how long a session may last in all
 * @param clientConnectionLimit most simultaneous connections from one client (an IPv4 address or
 *                              an IPv6 /64)
 * @param connectionLimit       most simultaneous connections from all clients together
 * @param relayAuth             whether a {@code relay} listener offers AUTH (after STARTTLS); the
 *                              submission modes always do
 * @param authFailureLimit      refused AUTH attempts before the session is closed
 * @param authFailureDelay      added before the reply to each refused AUTH, once per refusal so far
 * @param pregreetDelay         how long to wait before the greeting, to catch clients that talk
 *                              first; zero for no wait
 * @param rejectPregreeting     whether such a client is refused rather than only noted
 * @param endpointThreads       threads calling the endpoint; each session stays on one of them, and
 *                              a session waiting on a slow endpoint holds its thread
 * @param proxyNetworks         the load balancers whose PROXY protocol header names the client of a
 *                              connection; {@link ProxyNetworks#NONE}: every peer is the client
 */
public record ListenerSettings(String name, String bindAddress, int port, String hostName, ListenerMode mode,
                               TlsSettings tls, long messageSizeLimit, int recipientLimit, Duration idleTimeout,
                               Duration sessionTimeout, int clientConnectionLimit, int connectionLimit,
                               boolean relayAuth, int authFailureLimit,
                               Duration authFailureDelay, Duration pregreetDelay, boolean rejectPregreeting,
                               int endpointThreads, ProxyNetworks proxyNetworks) {

    public static final long DEFAULT_MESSAGE_SIZE_LIMIT = 10_240_000;
    public static final int DEFAULT_RECIPIENT_LIMIT = 100;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_CLIENT_CONNECTION_LIMIT = 50;
    public static final int DEFAULT_CONNECTION_LIMIT = 1000;
    public static final int DEFAULT_AUTH_FAILURE_LIMIT = 3;
    public static final Duration DEFAULT_AUTH_FAILURE_DELAY = Duration.ofSeconds(1);
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
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(proxyNetworks, "proxyNetworks");
        if (mode.requiresTls() && !tls.available()) {
            throw new IllegalArgumentException("listener " + name + ": mode " + mode.propertyValue()
                    + " needs a keystore or a place for a self-signed one (keystorePath or selfSignedKeystore)");
        }
        positive(name, "message size limit", messageSizeLimit);
        positive(name, "recipient limit", recipientLimit);
        positive(name, "idle timeout", idleTimeout.toMillis());
        positive(name, "session timeout", sessionTimeout.toMillis());
        positive(name, "client connection limit", clientConnectionLimit);
        positive(name, "connection limit", connectionLimit);
        positive(name, "AUTH failure limit", authFailureLimit);
        positive(name, "endpoint threads", endpointThreads);
        if (authFailureDelay.isNegative() || pregreetDelay.isNegative()) {
            throw new IllegalArgumentException("listener " + name + ": delays cannot be negative");
        }
    }

    private static void positive(String name, String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("listener " + name + ": " + what + " must be positive, not " + value);
        }
    }

    /** A relay listener with the default limits and no TLS. */
    public static ListenerSettings of(String name, String bindAddress, int port, String hostName) {
        return builder(name, bindAddress, port, hostName).build();
    }

    public static Builder builder(String name, String bindAddress, int port, String hostName) {
        return new Builder(name, bindAddress, port, hostName);
    }

    /** Whether AUTH is offered: always in the submission modes, on a relay listener only when configured. */
    public boolean authOffered() {
        return mode.requiresAuth() || relayAuth;
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder(name, bindAddress, port, hostName).mode(mode).tls(tls).messageSizeLimit(messageSizeLimit)
                .recipientLimit(recipientLimit).idleTimeout(idleTimeout).sessionTimeout(sessionTimeout)
                .clientConnectionLimit(clientConnectionLimit).connectionLimit(connectionLimit).relayAuth(relayAuth)
                .authFailureLimit(authFailureLimit)
                .authFailureDelay(authFailureDelay).pregreetDelay(pregreetDelay).rejectPregreeting(rejectPregreeting)
                .endpointThreads(endpointThreads).proxyNetworks(proxyNetworks);
    }

    /** Collects settings; {@link #build()} checks them together. */
    public static final class Builder {

        private final String name;
        private final String bindAddress;
        private final int port;
        private final String hostName;
        private ListenerMode mode = ListenerMode.RELAY;
        private TlsSettings tls = TlsSettings.NONE;
        private long messageSizeLimit = DEFAULT_MESSAGE_SIZE_LIMIT;
        private int recipientLimit = DEFAULT_RECIPIENT_LIMIT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private int clientConnectionLimit = DEFAULT_CLIENT_CONNECTION_LIMIT;
        private int connectionLimit = DEFAULT_CONNECTION_LIMIT;
        private boolean relayAuth;
        private int authFailureLimit = DEFAULT_AUTH_FAILURE_LIMIT;
        private Duration authFailureDelay = DEFAULT_AUTH_FAILURE_DELAY;
        private Duration pregreetDelay = Duration.ZERO;
        private boolean rejectPregreeting;
        private int endpointThreads = DEFAULT_ENDPOINT_THREADS;
        private ProxyNetworks proxyNetworks = ProxyNetworks.NONE;

        private Builder(String name, String bindAddress, int port, String hostName) {
            this.name = name;
            this.bindAddress = bindAddress;
            this.port = port;
            this.hostName = hostName;
        }

        public Builder mode(ListenerMode value) {
            mode = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            tls = value;
            return this;
        }

        public Builder messageSizeLimit(long bytes) {
            messageSizeLimit = bytes;
            return this;
        }

        public Builder recipientLimit(int recipients) {
            recipientLimit = recipients;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        public Builder clientConnectionLimit(int connections) {
            clientConnectionLimit = connections;
            return this;
        }

        public Builder connectionLimit(int connections) {
            connectionLimit = connections;
            return this;
        }

        public Builder relayAuth(boolean value) {
            relayAuth = value;
            return this;
        }

        public Builder authFailureLimit(int failures) {
            authFailureLimit = failures;
            return this;
        }

        public Builder authFailureDelay(Duration value) {
            authFailureDelay = value;
            return this;
        }

        public Builder pregreetDelay(Duration value) {
            pregreetDelay = value;
            return this;
        }

        public Builder rejectPregreeting(boolean value) {
            rejectPregreeting = value;
            return this;
        }

        public Builder endpointThreads(int threads) {
            endpointThreads = threads;
            return this;
        }

        public Builder proxyNetworks(ProxyNetworks value) {
            proxyNetworks = value;
            return this;
        }

        public ListenerSettings build() {
            return new ListenerSettings(name, bindAddress, port, hostName, mode, tls, messageSizeLimit, recipientLimit,
                    idleTimeout, sessionTimeout, clientConnectionLimit, connectionLimit, relayAuth, authFailureLimit, authFailureDelay,
                    pregreetDelay, rejectPregreeting, endpointThreads, proxyNetworks);
        }
    }
}
