package org.passerelle.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of the networks an application asks for: each well-formed, none wider than the
 * limits, none overlapping a network of another application (whose name is given, since it is
 * that application's managers the author must talk to).
 */
final class NetworkChecks {

    static final String WELL_FORMED = "networks-well-formed";
    static final String NOT_HELD = "networks-not-held";
    static final String PREFIX_LENGTHS = "network-prefix-lengths";

    private final NetworkLimits limits;

    NetworkChecks(NetworkLimits limits) {
        this.limits = limits;
    }

    /** @param application the application the networks are for, whose own networks may overlap them */
    List<CheckResult> check(String application, List<String> networks, List<SenderApplication> applications) {
        List<NetworkRange> parsed = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String network : networks) {
            try {
                parsed.add(NetworkRange.parse(network));
            } catch (IllegalArgumentException e) {
                malformed.add(e.getMessage());
            }
        }
        return List.of(
                malformed.isEmpty() ? CheckResult.passed(WELL_FORMED, parsed.size() + " network(s), all well-formed")
                        : CheckResult.failed(WELL_FORMED, String.join("; ", malformed)),
                overlaps(application, parsed, applications),
                prefixLengths(parsed));
    }

    private static CheckResult overlaps(String application, List<NetworkRange> networks, List<SenderApplication> applications) {
        List<String> overlaps = new ArrayList<>();
        for (SenderApplication other : applications) {
            if (other.name().equalsIgnoreCase(application)) {
                continue;
            }
            for (NetworkRange held : other.networks()) {
                networks.stream().filter(held::overlaps)
                        .forEach(network -> overlaps.add(network + " overlaps " + held + " of application " + other.name()));
            }
        }
        return overlaps.isEmpty() ? CheckResult.passed(NOT_HELD, "no other application holds any of these addresses")
                : CheckResult.failed(NOT_HELD, String.join("; ", overlaps));
    }

    private CheckResult prefixLengths(List<NetworkRange> networks) {
        List<String> tooWide = new ArrayList<>();
        for (NetworkRange network : networks) {
            int minimal = network.ipv6() ? limits.minimalIpv6PrefixLength() : limits.minimalIpv4PrefixLength();
            if (network.prefixLength() < minimal) {
                tooWide.add(network + " is wider than /" + minimal);
            }
        }
        return tooWide.isEmpty()
                ? CheckResult.passed(PREFIX_LENGTHS, "no network wider than /" + limits.minimalIpv4PrefixLength()
                        + " (IPv4) or /" + limits.minimalIpv6PrefixLength() + " (IPv6)")
                : CheckResult.failed(PREFIX_LENGTHS, String.join("; ", tooWide));
    }
}
