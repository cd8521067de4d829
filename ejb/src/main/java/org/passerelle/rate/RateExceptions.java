package org.passerelle.rate;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.passerelle.directory.NetworkRange;

/**
 * Clients with thresholds of their own ({@code PSL_RATE_EXCEPTIONS}): a list of
 * {@code network=alert/block} separated by commas or spaces, such as
 * {@code 192.0.2.0/24=5000/20000, 2001:db8::/48=1000/0}; the first network that holds the client
 * wins. A setting rather than the directory: it is an operations decision about traffic (a campus
 * relay, a monitoring probe), not a registration the central service validates, and it must hold
 * when the directory does not answer.
 */
public final class RateExceptions {

    private record Exception(NetworkRange network, Thresholds thresholds) {
    }

    private final List<Exception> exceptions;

    private RateExceptions(List<Exception> exceptions) {
        this.exceptions = List.copyOf(exceptions);
    }

    public static RateExceptions none() {
        return new RateExceptions(List.of());
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code network=alert/block} */
    public static RateExceptions parse(String text) {
        List<Exception> parsed = new ArrayList<>();
        for (String entry : text.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            int slash = entry.indexOf('/', equals + 1);
            if (equals < 0 || slash < 0) {
                throw new IllegalArgumentException("\"" + entry + "\" is not network=alert/block");
            }
            try {
                NetworkRange network = NetworkRange.parse(entry.substring(0, equals));
                long alert = Long.parseLong(entry.substring(equals + 1, slash));
                long block = Long.parseLong(entry.substring(slash + 1));
                parsed.add(new Exception(network, new Thresholds(alert, block, "exception " + network)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + entry + "\" is not network=alert/block: " + e.getMessage(), e);
            }
        }
        return new RateExceptions(parsed);
    }

    public Optional<Thresholds> of(InetAddress client) {
        return exceptions.stream().filter(e -> e.network().contains(client)).map(Exception::thresholds).findFirst();
    }
}
