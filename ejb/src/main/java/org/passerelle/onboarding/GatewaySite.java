package org.passerelle.onboarding;

import java.net.InetAddress;
import java.util.List;

/**
 * A gateway site as the SPF check sees it: the addresses it sends mail from, which the SPF records
 * of its applications' sender domains must authorise.
 */
public record GatewaySite(String name, List<InetAddress> addresses) {

    public GatewaySite {
        addresses = List.copyOf(addresses);
    }
}
