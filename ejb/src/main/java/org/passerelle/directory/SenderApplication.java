package org.passerelle.directory;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registered sender application: the servers, copiers or devices of one application, known by
 * their networks, allowed to relay through the gateway sites they are assigned to while active,
 * and only as their allowed senders (addresses, or {@code @domain} for a whole domain, or
 * {@code <>} for the null sender).
 *
 * @param gateways names of the gateway sites the application is assigned to
 * @param rateLimit messages per hour, if limited
 * @param managers logins of its managers (the security list)
 * @param owners logins of its owners
 * @param expires the day from which it may no longer send ({@code pslExpires}), if it expires
 */
public record SenderApplication(String name, Status status, List<NetworkRange> networks, List<String> allowedSenders,
                                List<String> gateways, String entity, Integer rateLimit, String description,
                                List<String> managers, List<String> owners, Instant created, LocalDate expires) {

    public enum Status {
        ACTIVE, SUSPENDED;

        public static Status of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public SenderApplication {
        networks = List.copyOf(networks);
        allowedSenders = List.copyOf(allowedSenders);
        gateways = List.copyOf(gateways);
        managers = List.copyOf(managers);
        owners = List.copyOf(owners);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** Whether its expiry date has come: from that day on, the relay refuses its mail until a new date is set. */
    public boolean expiredOn(LocalDate today) {
        return expires != null && !today.isBefore(expires);
    }

    /** The network of the application that holds the client, if any: the one its use is recorded under. */
    public Optional<NetworkRange> networkHolding(InetAddress client) {
        return networks.stream().filter(network -> network.contains(client)).findFirst();
    }

    public boolean covers(InetAddress client) {
        return networks.stream().anyMatch(network -> network.contains(client));
    }

    public boolean assignedTo(String gateway) {
        return gateways.stream().anyMatch(g -> g.equalsIgnoreCase(gateway));
    }

    /**
     * The allowed-sender entry that lets the application use this sender, if any.
     *
     * @param sender the envelope sender as written in SMTP, empty for the null sender
     */
    public Optional<String> allowedSenderMatching(String sender) {
        String wanted = sender.toLowerCase(Locale.ROOT);
        return allowedSenders.stream().filter(allowed -> {
            String entry = allowed.trim().toLowerCase(Locale.ROOT);
            if (entry.equals("<>")) {
                return wanted.isEmpty();
            }
            if (entry.startsWith("@")) {
                return !wanted.isEmpty() && wanted.endsWith(entry) && wanted.indexOf('@') == wanted.length() - entry.length();
            }
            return entry.equals(wanted);
        }).findFirst();
    }
}
