package org.passerelle.directory;

import java.net.InetAddress;
import java.util.List;

/**
 * A registered sender application: the servers, copiers or devices of one application, known by
 * their networks, allowed to relay through Passerelle while active.
 */
public record SenderApplication(String name, boolean active, List<NetworkRange> networks,
                                List<String> allowedSenders) {

    public SenderApplication {
        networks = List.copyOf(networks);
        allowedSenders = List.copyOf(allowedSenders);
    }

    public boolean covers(InetAddress client) {
        return networks.stream().anyMatch(network -> network.contains(client));
    }
}
