package org.passerelle.routing;

import java.util.List;

/**
 * A name server's answer about one name: its records of the asked type (none is a valid answer:
 * the name exists without them), or that the name does not exist (NXDOMAIN), or that no answer
 * could be had (SERVFAIL, REFUSED, timeout), which says nothing about the name.
 */
public record DnsAnswer<T>(Outcome outcome, List<T> records, String error) {

    public enum Outcome { ANSWERED, NO_SUCH_DOMAIN, FAILED }

    public DnsAnswer {
        records = List.copyOf(records);
    }

    public static <T> DnsAnswer<T> answered(List<T> records) {
        return new DnsAnswer<>(Outcome.ANSWERED, records, null);
    }

    public static <T> DnsAnswer<T> noSuchDomain() {
        return new DnsAnswer<>(Outcome.NO_SUCH_DOMAIN, List.of(), "NXDOMAIN");
    }

    public static <T> DnsAnswer<T> failed(String error) {
        return new DnsAnswer<>(Outcome.FAILED, List.of(), error);
    }
}
