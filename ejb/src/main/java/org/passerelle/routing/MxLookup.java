package org.passerelle.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.passerelle.smtp.client.NextHop;

/**
 * The hosts that take mail for a domain, from the DNS (RFC 5321 §5.1): its mail exchangers, lowest
 * preference first, those of equal preference in random order so that they share the load; a
 * domain without MX records is its own mail exchanger if it has an address. A null MX (RFC 7505)
 * says the domain takes no mail.
 *
 * <p>A name that does not exist, or that has neither MX records nor an address, fails for good;
 * a server that does not answer fails for now.
 */
public final class MxLookup {

    private final NameService dns;
    private final Random random;

    public MxLookup(NameService dns, Random random) {
        this.dns = dns;
        this.random = random;
    }

    /** The next hops for the domain, each at the given port, in the order to try them. */
    public List<NextHop> nextHops(String domain, int port) throws UnroutableException {
        List<MxRecord> records = answer(dns.mailExchangers(domain), domain, "MX");
        List<MxRecord> exchangers = records.stream().filter(mx -> !mx.nullMx()).toList();
        if (!records.isEmpty() && exchangers.isEmpty()) {
            throw new UnroutableException(RouteFailure.reject(556, "5.1.10", "Recipient address has null MX: " + domain + " accepts no mail"));
        }
        if (exchangers.isEmpty()) {
            if (answer(dns.addresses(domain), domain, "A/AAAA").isEmpty()) {
                throw new UnroutableException(RouteFailure.reject(550, "5.4.4", "Host or domain name not found: " + domain + " has no MX and no address"));
            }
            return List.of(new NextHop(domain, port));
        }
        return inPreferenceOrder(exchangers).stream().map(mx -> new NextHop(mx.host(), port)).toList();
    }

    private List<MxRecord> inPreferenceOrder(List<MxRecord> exchangers) {
        TreeMap<Integer, List<MxRecord>> byPreference = new TreeMap<>();
        for (MxRecord mx : exchangers) {
            byPreference.computeIfAbsent(mx.preference(), p -> new ArrayList<>()).add(mx);
        }
        List<MxRecord> ordered = new ArrayList<>();
        for (List<MxRecord> equals : byPreference.values()) {
            Collections.shuffle(equals, random);
            ordered.addAll(equals);
        }
        return ordered;
    }

    private static <T> List<T> answer(DnsAnswer<T> answer, String domain, String type) throws UnroutableException {
        return switch (answer.outcome()) {
            case ANSWERED -> answer.records();
            case NO_SUCH_DOMAIN -> throw new UnroutableException(RouteFailure.reject(550, "5.4.4",
                    "Host or domain name not found: " + domain + " (" + type + " lookup: " + answer.error() + ")"));
            case FAILED -> throw new UnroutableException(RouteFailure.tempFail("4.4.3",
                    "DNS lookup failed: " + domain + " (" + type + " lookup: " + answer.error() + ")"));
        };
    }
}
