package org.passerelle.dkim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import org.passerelle.routing.DnsjavaNameService;

/**
 * Asks DNS (the server of {@code PSL_DNS_RESOLVER}, as routing does; uncached: an operator who
 * just published the record asks again) whether a key's TXT record is published and carries the key.
 */
public final class DkimDnsCheck {

    /** What DNS answered. */
    public enum Status {
        /** a TXT record at the name carries this key */
        PUBLISHED,
        /** TXT records at the name, none with this key (an old key, a typing error) */
        MISMATCH,
        /** no TXT record at the name */
        MISSING,
        /** DNS did not answer */
        UNKNOWN
    }

    /** @param found the records found at the name, each with its strings joined */
    public record Result(Status status, List<String> found, String detail) {
    }

    private final Resolver resolver;

    public DkimDnsCheck(Optional<String> server, Duration timeout) {
        this.resolver = DnsjavaNameService.resolver(server, timeout);
    }

    public Result check(DkimTxtRecord expected) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(expected.name(), Name.root), Type.TXT);
        } catch (TextParseException e) {
            return new Result(Status.UNKNOWN, List.of(), "not a DNS name: " + expected.name());
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        org.xbill.DNS.Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<String> found = Arrays.stream(records)
                        .map(record -> String.join("", ((TXTRecord) record).getStrings())).toList();
                yield found.stream().anyMatch(expected::matches)
                        ? new Result(Status.PUBLISHED, found, "published")
                        : new Result(Status.MISMATCH, found, "TXT records found, none with this key");
            }
            case Lookup.TYPE_NOT_FOUND, Lookup.HOST_NOT_FOUND -> new Result(Status.MISSING, List.of(), "no TXT record at " + expected.name());
            default -> new Result(Status.UNKNOWN, List.of(), "DNS did not answer: " + lookup.getErrorString());
        };
    }
}
