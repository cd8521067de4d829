package org.passerelle.hygiene;

import java.time.Instant;
import java.util.List;

/**
 * An application, or some of its networks, that sent nothing for the stale period.
 *
 * @param wholeApplication the application itself is stale: nothing came from any of its networks
 * @param staleNetworks the networks nothing came from (all of them for a whole application)
 * @param keptNetworks the networks still in use: what the application keeps when the stale ones go
 * @param lastUsed when the application last sent, from any network; {@code null}: never since it is counted
 * @param created when it was registered ({@code pslCreated}); {@code null}: not known
 */
public record StaleFinding(String application, String entity, boolean wholeApplication, List<String> staleNetworks,
                           List<String> keptNetworks, Instant lastUsed, Instant created) {

    public StaleFinding {
        staleNetworks = List.copyOf(staleNetworks);
        keptNetworks = List.copyOf(keptNetworks);
    }
}
