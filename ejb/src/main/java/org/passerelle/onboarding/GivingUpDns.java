package org.passerelle.onboarding;

import java.net.InetAddress;
import java.util.function.Supplier;

import org.passerelle.routing.DnsAnswer;
import org.passerelle.routing.DnsLookups;
import org.passerelle.routing.MxRecord;

/**
 * Asks the server until one question goes unanswered (a timeout, SERVFAIL), then stops asking:
 * every later question of the same run fails at once. One slow server costs a submission one
 * timeout, not one per name, and the checks say "could not check" instead.
 */
final class GivingUpDns implements DnsLookups {

    private final DnsLookups dns;
    private String firstFailure;

    GivingUpDns(DnsLookups dns) {
        this.dns = dns;
    }

    @Override
    public DnsAnswer<MxRecord> mailExchangers(String domain) {
        return ask(() -> dns.mailExchangers(domain));
    }

    @Override
    public DnsAnswer<String> addresses(String host) {
        return ask(() -> dns.addresses(host));
    }

    @Override
    public DnsAnswer<String> addresses(String host, boolean ipv6) {
        return ask(() -> dns.addresses(host, ipv6));
    }

    @Override
    public DnsAnswer<String> texts(String name) {
        return ask(() -> dns.texts(name));
    }

    @Override
    public DnsAnswer<String> pointers(InetAddress address) {
        return ask(() -> dns.pointers(address));
    }

    private <T> DnsAnswer<T> ask(Supplier<DnsAnswer<T>> question) {
        if (firstFailure != null) {
            return DnsAnswer.failed("not asked after an earlier failure: " + firstFailure);
        }
        DnsAnswer<T> answer = question.get();
        if (answer.outcome() == DnsAnswer.Outcome.FAILED) {
            firstFailure = answer.error();
        }
        return answer;
    }
}
