package org.passerelle.policy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.passerelle.smtp.ClientNetwork;

/**
 * Failed SMTP AUTH attempts counted across connections, per client (an IPv4 address or an IPv6
 * /64) and per login, in fixed windows: once either has failed its limit within the window, AUTH
 * is refused for it without the password being checked until the window ends (like Postfix's
 * anvil {@code smtpd_client_auth_rate_limit}, which counts per client only; per login it also
 * stops a guesser that spreads over many addresses, at the price of locking the login out for the
 * window). Kept in memory: on several nodes, each counts its own clients.
 */
public final class AuthThrottle {

    private record Window(Instant start, int failures) {
    }

    /** Counted keys beyond which the oldest windows are forgotten, so that memory stays bounded. */
    private static final int MAX_KEYS = 100_000;

    private final int clientLimit;
    private final int loginLimit;
    private final Duration window;
    private final Clock clock;
    private final Map<Object, Window> failures = new ConcurrentHashMap<>();

    public AuthThrottle(int clientLimit, int loginLimit, Duration window, Clock clock) {
        this.clientLimit = clientLimit;
        this.loginLimit = loginLimit;
        this.window = window;
        this.clock = clock;
    }

    /** Why AUTH from this client for this login is refused without a check, or {@code null} if it is not. */
    public String throttled(InetAddress client, String login) {
        ClientNetwork network = ClientNetwork.of(client);
        if (failuresOf(network) >= clientLimit) {
            return "client " + network + " failed AUTH " + clientLimit + " times within " + window.toSeconds() + " s";
        }
        if (failuresOf(loginKey(login)) >= loginLimit) {
            return "login failed AUTH " + loginLimit + " times within " + window.toSeconds() + " s";
        }
        return null;
    }

    /** Counts a refused AUTH. */
    public void failed(InetAddress client, String login) {
        if (failures.size() >= MAX_KEYS) {
            Instant now = clock.instant();
            failures.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        count(ClientNetwork.of(client));
        count(loginKey(login));
    }

    private void count(Object key) {
        Instant now = clock.instant();
        failures.merge(key, new Window(now, 1), (held, one) -> now.isBefore(held.start().plus(window))
                ? new Window(held.start(), held.failures() + 1) : one);
    }

    private int failuresOf(Object key) {
        Window held = failures.get(key);
        return held == null || !clock.instant().isBefore(held.start().plus(window)) ? 0 : held.failures();
    }

    private record Login(String name) {
    }

    private static Login loginKey(String login) {
        return new Login(login.toLowerCase(Locale.ROOT));
    }
}
