package org.passerelle.onboarding;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.passerelle.routing.DnsAnswer;
import org.passerelle.routing.DnsLookups;
import org.passerelle.routing.MxRecord;

/** DNS as plain data: names without records of a type have none; names never given do not exist. Counts questions. */
final class ZoneData implements DnsLookups {

    private final Map<String, List<Object>> records = new HashMap<>();
    private final List<String> failing = new ArrayList<>();
    final List<String> questions = new ArrayList<>();

    ZoneData txt(String name, String text) {
        return add("TXT", name, text);
    }

    ZoneData a(String name, String address) {
        return add(address.contains(":") ? "AAAA" : "A", name, address);
    }

    ZoneData mx(String domain, int preference, String host) {
        return add("MX", domain, new MxRecord(preference, host));
    }

    ZoneData ptr(String address, String name) {
        return add("PTR", address, name);
    }

    /** Questions about this name (of any type) go unanswered. */
    ZoneData failing(String name) {
        failing.add(name);
        return this;
    }

    private ZoneData add(String type, String name, Object value) {
        records.computeIfAbsent(type + " " + name, key -> new ArrayList<>()).add(value);
        records.putIfAbsent("exists " + name, List.of());
        return this;
    }

    @SuppressWarnings("unchecked")
    private <T> DnsAnswer<T> answer(String type, String name) {
        questions.add(type + " " + name);
        if (failing.contains(name)) {
            return DnsAnswer.failed("timed out");
        }
        if (!records.containsKey("exists " + name)) {
            return DnsAnswer.noSuchDomain();
        }
        return DnsAnswer.answered((List<T>) records.getOrDefault(type + " " + name, List.of()));
    }

    @Override
    public DnsAnswer<MxRecord> mailExchangers(String domain) {
        return answer("MX", domain);
    }

    @Override
    public DnsAnswer<String> addresses(String host) {
        DnsAnswer<String> v4 = addresses(host, false);
        return v4.records().isEmpty() && v4.outcome() == DnsAnswer.Outcome.ANSWERED ? addresses(host, true) : v4;
    }

    @Override
    public DnsAnswer<String> addresses(String host, boolean ipv6) {
        return answer(ipv6 ? "AAAA" : "A", host);
    }

    @Override
    public DnsAnswer<String> texts(String name) {
        return answer("TXT", name);
    }

    @Override
    public DnsAnswer<String> pointers(InetAddress address) {
        return answer("PTR", address.getHostAddress());
    }
}
