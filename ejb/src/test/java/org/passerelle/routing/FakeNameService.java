package org.passerelle.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A DNS of plain data: names not given do not exist (NXDOMAIN). Counts the questions asked. */
final class FakeNameService implements NameService {

    private final Map<String, DnsAnswer<MxRecord>> mx = new HashMap<>();
    private final Map<String, DnsAnswer<String>> addresses = new HashMap<>();
    final List<String> questions = new ArrayList<>();

    FakeNameService mx(String domain, MxRecord... records) {
        mx.put(domain, DnsAnswer.answered(List.of(records)));
        addresses.putIfAbsent(domain, DnsAnswer.answered(List.of()));
        return this;
    }

    FakeNameService mxFails(String domain, String error) {
        mx.put(domain, DnsAnswer.failed(error));
        return this;
    }

    FakeNameService address(String host, String... addresses) {
        mx.putIfAbsent(host, DnsAnswer.answered(List.of()));
        this.addresses.put(host, DnsAnswer.answered(List.of(addresses)));
        return this;
    }

    FakeNameService addressFails(String host, String error) {
        mx.putIfAbsent(host, DnsAnswer.answered(List.of()));
        addresses.put(host, DnsAnswer.failed(error));
        return this;
    }

    @Override
    public DnsAnswer<MxRecord> mailExchangers(String domain) {
        questions.add("MX " + domain);
        return mx.getOrDefault(domain, DnsAnswer.noSuchDomain());
    }

    @Override
    public DnsAnswer<String> addresses(String host) {
        questions.add("A " + host);
        return addresses.getOrDefault(host, DnsAnswer.noSuchDomain());
    }
}
