package org.passerelle.policy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The addresses of this host's network interfaces, read again at most once a minute (interfaces
 * come and go: containers, VPNs, DHCP). When they cannot be read, the last ones known are kept.
 */
final class GatewayAddresses implements Supplier<Set<InetAddress>> {

    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final Clock clock = Clock.systemUTC();
    private volatile Set<InetAddress> addresses = Set.of();
    private volatile Instant readAt = Instant.MIN;

    @Override
    public Set<InetAddress> get() {
        Instant now = clock.instant();
        if (readAt.plus(REFRESH).isBefore(now)) {
            try {
                addresses = NetworkInterface.networkInterfaces()
                        .flatMap(NetworkInterface::inetAddresses)
                        .collect(Collectors.toUnmodifiableSet());
                readAt = now;
            } catch (SocketException e) {
                readAt = now;
            }
        }
        return addresses;
    }
}
