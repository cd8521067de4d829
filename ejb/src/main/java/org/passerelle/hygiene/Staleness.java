package org.passerelle.hygiene;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;

/**
 * Whether an application, or some of its networks, is stale: nothing sent for {@code PSL_STALE_DAYS}.
 * A network never used counts from the application's creation; an application of unknown creation
 * (an entry written by hand without {@code pslCreated}) that never sent is stale, since nothing says
 * it is new. An application is stale when nothing came from it in the period, whatever its networks;
 * otherwise only the networks nothing came from are.
 */
public final class Staleness {

    private final Duration period;

    public Staleness(int staleDays) {
        if (staleDays < 1) {
            throw new IllegalArgumentException("the stale period is at least one day, not " + staleDays);
        }
        this.period = Duration.ofDays(staleDays);
    }

    /** @param lastUses the application's last use per network (as written), any network it ever sent from */
    public Optional<StaleFinding> of(SenderApplication application, Map<String, Instant> lastUses, Instant now) {
        Instant cutoff = now.minus(period);
        Instant lastUsed = lastUses.values().stream().max(Instant::compareTo).orElse(null);
        List<String> networks = application.networks().stream().map(NetworkRange::toString).toList();
        if (stale(lastUsed, application.created(), cutoff)) {
            return Optional.of(new StaleFinding(application.name(), application.entity(), true, networks, List.of(), lastUsed,
                    application.created()));
        }
        List<String> stale = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String network : networks) {
            (stale(lastUses.get(network), application.created(), cutoff) ? stale : kept).add(network);
        }
        return stale.isEmpty() ? Optional.empty()
                : Optional.of(new StaleFinding(application.name(), application.entity(), false, stale, kept, lastUsed, application.created()));
    }

    private static boolean stale(Instant lastUsed, Instant created, Instant cutoff) {
        if (lastUsed != null) {
            return lastUsed.isBefore(cutoff);
        }
        return created == null || created.isBefore(cutoff);
    }
}
