package org.passerelle.onboarding;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.passerelle.directory.CheckResult;
import org.passerelle.directory.NetworkRange;
import org.passerelle.routing.DnsAnswer;
import org.passerelle.routing.DnsLookups;
import org.passerelle.routing.MxRecord;

/**
 * The DNS checks of a request that adds networks or senders: warnings, never failures, since DNS
 * is often set right after the registration, and a server that does not answer says nothing about
 * the request. Each check is one result named for what it looks at:
 * <ul>
 * <li>{@code networks-reverse-dns}: each new network has reverse DNS (a PTR record) on a sample of
 * its addresses, the first two host addresses (the address itself for one host);</li>
 * <li>{@code senders-spf-covers-gateways}: the SPF record of each new sender's domain authorises
 * (SPF {@code pass}) every address of the gateway sites that will relay its mail;</li>
 * <li>{@code senders-mx-exists}: each new sender's domain can take bounces back: an MX that is not
 * the null MX, or else an address (RFC 5321 §5.1).</li>
 * </ul>
 * After one unanswered question, no other is asked ({@link GivingUpDns}): what was not asked is
 * "could not check".
 */
public final class OnboardingDnsChecks {

    public static final String REVERSE_DNS = "networks-reverse-dns";
    public static final String SPF = "senders-spf-covers-gateways";
    public static final String MX = "senders-mx-exists";

    private final DnsLookups dns;

    public OnboardingDnsChecks(DnsLookups dns) {
        this.dns = new GivingUpDns(dns);
    }

    /**
     * @param networks the networks the request adds (none: no reverse DNS check)
     * @param senders the allowed senders it adds (none: no SPF or MX check)
     * @param sites the gateway sites its mail goes out through
     */
    public List<CheckResult> check(List<NetworkRange> networks, List<String> senders, List<GatewaySite> sites) {
        List<CheckResult> results = new ArrayList<>();
        if (!networks.isEmpty()) {
            results.add(reverseDns(networks));
        }
        List<String> domains = senderDomains(senders);
        if (!domains.isEmpty()) {
            results.add(spf(domains, sites));
            results.add(mx(domains));
        }
        return results;
    }

    private CheckResult reverseDns(List<NetworkRange> networks) {
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (NetworkRange network : networks) {
            List<InetAddress> sample = sample(network);
            String names = null;
            boolean failed = false;
            for (InetAddress address : sample) {
                DnsAnswer<String> answer = dns.pointers(address);
                if (answer.outcome() == DnsAnswer.Outcome.FAILED) {
                    failed = true;
                } else if (!answer.records().isEmpty() && names == null) {
                    names = address.getHostAddress() + " is " + String.join(", ", answer.records());
                }
            }
            String sampled = String.join(", ", sample.stream().map(InetAddress::getHostAddress).toList())
                    + (sample.size() == 1 && network.prefixLength() == (network.ipv6() ? 128 : 32) ? "" : " of " + network);
            if (names != null) {
                found.add(names);
            } else if (failed) {
                unknown.add(sampled);
            } else {
                missing.add(sampled);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("no reverse DNS (PTR) for " + String.join("; ", missing));
        }
        if (!unknown.isEmpty()) {
            problems.add("could not check the reverse DNS of " + String.join("; ", unknown) + ": the DNS server did not answer");
        }
        String sampling = " (first two addresses of each network sampled)";
        return problems.isEmpty()
                ? CheckResult.passed(REVERSE_DNS, "reverse DNS found: " + String.join("; ", found) + sampling)
                : CheckResult.warning(REVERSE_DNS, String.join("; ", problems) + sampling);
    }

    private CheckResult spf(List<String> domains, List<GatewaySite> sites) {
        List<GatewaySite> sending = sites.stream().filter(site -> !site.addresses().isEmpty()).toList();
        if (sending.isEmpty()) {
            return CheckResult.warning(SPF, "could not check: no address is known for the gateway sites"
                    + (sites.isEmpty() ? "" : " " + String.join(", ", sites.stream().map(GatewaySite::name).toList()))
                    + " (set their outboundAddresses)");
        }
        SpfEvaluator spf = new SpfEvaluator(dns);
        List<String> problems = new ArrayList<>();
        for (String domain : domains) {
            for (GatewaySite site : sending) {
                for (InetAddress address : site.addresses()) {
                    SpfResult result = spf.check(address, domain);
                    if (result.outcome() == SpfResult.Outcome.TEMPERROR) {
                        problems.add("could not check the SPF record of " + domain + " (" + result.reason() + ")");
                    } else if (!result.passes()) {
                        problems.add("the SPF record of " + domain + " does not authorise " + address.getHostAddress()
                                + " of " + site.name() + " (" + result.outcome().word() + ": " + result.reason() + ")");
                    }
                }
            }
        }
        String addresses = String.join(", ", sending.stream().map(site -> site.name() + " "
                + String.join(" ", site.addresses().stream().map(InetAddress::getHostAddress).toList())).toList());
        return problems.isEmpty()
                ? CheckResult.passed(SPF, "the SPF records of " + String.join(", ", domains) + " authorise " + addresses)
                : CheckResult.warning(SPF, String.join("; ", problems.stream().distinct().toList()));
    }

    private CheckResult mx(List<String> domains) {
        List<String> fine = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String domain : domains) {
            DnsAnswer<MxRecord> mx = dns.mailExchangers(domain);
            if (mx.outcome() == DnsAnswer.Outcome.FAILED) {
                problems.add("could not check the MX of " + domain + ": the DNS server did not answer");
            } else if (mx.records().stream().anyMatch(MxRecord::nullMx)) {
                problems.add(domain + " takes no mail (null MX): bounces could not come back");
            } else if (!mx.records().isEmpty()) {
                fine.add(domain + " (MX " + mx.records().get(0).host() + ")");
            } else if (mx.outcome() == DnsAnswer.Outcome.NO_SUCH_DOMAIN) {
                problems.add(domain + " does not exist in DNS: bounces could not come back");
            } else {
                DnsAnswer<String> addresses = dns.addresses(domain);
                if (addresses.outcome() == DnsAnswer.Outcome.FAILED) {
                    problems.add("could not check the addresses of " + domain + ": the DNS server did not answer");
                } else if (addresses.records().isEmpty()) {
                    problems.add(domain + " has no MX and no address: bounces could not come back");
                } else {
                    fine.add(domain + " (no MX, its address " + addresses.records().get(0) + ")");
                }
            }
        }
        return problems.isEmpty()
                ? CheckResult.passed(MX, "bounces can come back to " + String.join(", ", fine))
                : CheckResult.warning(MX, String.join("; ", problems));
    }

    /** The domains of the senders, each once, in order; the null sender has none. */
    static List<String> senderDomains(List<String> senders) {
        Set<String> domains = new LinkedHashSet<>();
        for (String sender : senders) {
            int at = sender.lastIndexOf('@');
            if (at >= 0 && at < sender.length() - 1) {
                domains.add(sender.substring(at + 1).trim().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(domains);
    }

    /** The network's first two host addresses; a single host, or a /31 or /127, whole. */
    static List<InetAddress> sample(NetworkRange network) {
        String text = network.toString();
        int slash = text.indexOf('/');
        InetAddress base = NetworkRange.address(slash < 0 ? text : text.substring(0, slash));
        int bits = base.getAddress().length * 8;
        int hostBits = bits - network.prefixLength();
        if (hostBits == 0) {
            return List.of(base);
        }
        int first = hostBits == 1 ? 0 : 1;
        return List.of(plus(base, first), plus(base, first + 1));
    }

    private static InetAddress plus(InetAddress base, int offset) {
        byte[] raw = base.getAddress();
        byte[] sum = new BigInteger(1, raw).add(BigInteger.valueOf(offset)).toByteArray();
        byte[] bytes = new byte[raw.length];
        int copy = Math.min(sum.length, raw.length);
        System.arraycopy(sum, sum.length - copy, bytes, raw.length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
