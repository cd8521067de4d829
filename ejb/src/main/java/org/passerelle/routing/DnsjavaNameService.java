package org.passerelle.routing;

import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks a DNS server with dnsjava: the system's (from {@code /etc/resolv.conf}) or one given as
 * {@code host:port}. Names are asked as they are (absolute, no search list), answers are kept for
 * their TTL in a cache of this service's own.
 */
public final class DnsjavaNameService implements DnsLookups {

    private static final int DNS_PORT = 53;

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    private DnsjavaNameService(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param server {@code host:port} or {@code host} (port 53) of the server to ask; empty: the system's
     * @param timeout how long one question may take, retries included, before it counts as failed
     */
    public static DnsjavaNameService of(Optional<String> server, Duration timeout) {
        return new DnsjavaNameService(resolver(server, timeout));
    }

    /** The resolver asking that server ({@code host:port}; empty: the system's), for the other DNS questions Passerelle asks. */
    public static Resolver resolver(Optional<String> server, Duration timeout) {
        ExtendedResolver resolver = server.map(DnsjavaNameService::server)
                .map(address -> new ExtendedResolver(new Resolver[] {new SimpleResolver(address)}))
                .orElseGet(ExtendedResolver::new);
        resolver.setTimeout(timeout);
        return resolver;
    }

    private static InetSocketAddress server(String text) {
        URI uri = URI.create("dns://" + text.trim());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a DNS server's host:port: " + text);
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? DNS_PORT : uri.getPort());
    }

    @Override
    public DnsAnswer<MxRecord> mailExchangers(String domain) {
        return ask(domain, Type.MX, record -> {
            MXRecord mx = (MXRecord) record;
            return new MxRecord(mx.getPriority(), mx.getTarget().toString());
        });
    }

    @Override
    public DnsAnswer<String> addresses(String host) {
        DnsAnswer<String> v4 = ask(host, Type.A, record -> ((ARecord) record).getAddress().getHostAddress());
        if (v4.outcome() != DnsAnswer.Outcome.ANSWERED || !v4.records().isEmpty()) {
            return v4;
        }
        return ask(host, Type.AAAA, record -> ((AAAARecord) record).getAddress().getHostAddress());
    }

    @Override
    public DnsAnswer<String> addresses(String host, boolean ipv6) {
        return ipv6 ? ask(host, Type.AAAA, record -> ((AAAARecord) record).getAddress().getHostAddress())
                : ask(host, Type.A, record -> ((ARecord) record).getAddress().getHostAddress());
    }

    @Override
    public DnsAnswer<String> texts(String name) {
        return ask(name, Type.TXT, record -> String.join("", ((TXTRecord) record).getStrings()));
    }

    @Override
    public DnsAnswer<String> pointers(InetAddress address) {
        return ask(ReverseMap.fromAddress(address), Type.PTR, record -> withoutFinalDot(((PTRRecord) record).getTarget().toString()));
    }

    private static String withoutFinalDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private <T> DnsAnswer<T> ask(String name, int type, Function<org.xbill.DNS.Record, T> reader) {
        try {
            // internationalised domains (SMTPUTF8) are asked in their ASCII form (RFC 5891)
            return ask(Name.fromString(IDN.toASCII(name), Name.root), type, reader);
        } catch (TextParseException | IllegalArgumentException e) {
            return DnsAnswer.noSuchDomain();
        }
    }

    private <T> DnsAnswer<T> ask(Name name, int type, Function<org.xbill.DNS.Record, T> reader) {
        Lookup lookup = new Lookup(name, type);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        org.xbill.DNS.Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> DnsAnswer.answered(Arrays.stream(records).map(reader).toList());
            case Lookup.TYPE_NOT_FOUND -> DnsAnswer.answered(List.of());
            case Lookup.HOST_NOT_FOUND -> DnsAnswer.noSuchDomain();
            default -> DnsAnswer.failed(lookup.getErrorString());
        };
    }

    @Override
    public String toString() {
        return "DnsjavaNameService[" + resolver + "]";
    }
}
