package org.passerelle.onboarding;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.passerelle.directory.NetworkRange;
import org.passerelle.routing.DnsAnswer;
import org.passerelle.routing.DnsLookups;
import org.passerelle.routing.MxRecord;

/**
 * Whether a domain's SPF record authorises an address: RFC 7208's {@code check_host()} for what
 * records of application domains use: {@code ip4}, {@code ip6}, {@code a}, {@code mx},
 * {@code include}, {@code exists}, {@code all} with their qualifiers, and {@code redirect}. At most
 * 10 mechanisms and modifiers that ask DNS (§4.6.4; {@code ptr} counts but never matches, as the
 * RFC advises against it), at most 10 MX hosts per {@code mx}, at most 2 lookups that find nothing
 * (void lookups); past these, {@code permerror}. Macros ({@code %{...}}) are not expanded: a
 * mechanism that has one does not match. The sender's local part plays no part here: the question
 * is about a gateway address and a domain.
 */
public final class SpfEvaluator {

    static final int LOOKUP_LIMIT = 10;
    static final int VOID_LOOKUP_LIMIT = 2;

    private final DnsLookups dns;

    public SpfEvaluator(DnsLookups dns) {
        this.dns = dns;
    }

    public SpfResult check(InetAddress address, String domain) {
        try {
            return new Evaluation(address).checkHost(domain.toLowerCase(Locale.ROOT));
        } catch (Stop stop) {
            return stop.result;
        }
    }

    /** One evaluation: its lookup counts span every include and redirect. */
    private final class Evaluation {

        private final InetAddress address;
        private int lookups;
        private int voidLookups;

        Evaluation(InetAddress address) {
            this.address = address;
        }

        SpfResult checkHost(String domain) {
            DnsAnswer<String> texts = dns.texts(domain);
            if (texts.outcome() == DnsAnswer.Outcome.FAILED) {
                throw stop(SpfResult.Outcome.TEMPERROR, "no answer for the TXT records of " + domain);
            }
            List<String> records = texts.records().stream().filter(SpfEvaluator::isSpf).toList();
            if (records.isEmpty()) {
                countVoid(texts);
                return new SpfResult(SpfResult.Outcome.NONE, domain + " has no SPF record");
            }
            if (records.size() > 1) {
                throw stop(SpfResult.Outcome.PERMERROR, domain + " has " + records.size() + " SPF records");
            }
            String redirect = null;
            for (String term : records.get(0).trim().split("\\s+")) {
                if (term.equalsIgnoreCase("v=spf1")) {
                    continue;
                }
                int equals = term.indexOf('=');
                int colon = term.indexOf(':');
                if (equals > 0 && (colon < 0 || equals < colon)) {
                    if (term.substring(0, equals).equalsIgnoreCase("redirect")) {
                        redirect = term.substring(equals + 1);
                    }
                    continue;
                }
                boolean qualified = "+-~?".indexOf(term.charAt(0)) >= 0;
                char qualifier = qualified ? term.charAt(0) : '+';
                String mechanism = qualified ? term.substring(1) : term;
                if (matches(mechanism, domain)) {
                    return new SpfResult(result(qualifier), domain + " says " + term);
                }
            }
            if (redirect != null) {
                count();
                if (redirect.contains("%")) {
                    return new SpfResult(SpfResult.Outcome.NEUTRAL, domain + " redirects with a macro, not expanded");
                }
                SpfResult target = checkHost(redirect.toLowerCase(Locale.ROOT));
                if (target.outcome() == SpfResult.Outcome.NONE) {
                    throw stop(SpfResult.Outcome.PERMERROR, domain + " redirects to " + redirect + ", which has no SPF record");
                }
                return target;
            }
            return new SpfResult(SpfResult.Outcome.NEUTRAL, "no mechanism of " + domain + " matches");
        }

        private boolean matches(String mechanism, String domain) {
            String lower = mechanism.toLowerCase(Locale.ROOT);
            String name = lower.split("[:/]", 2)[0];
            String argument = lower.length() > name.length() && lower.charAt(name.length()) == ':'
                    ? lower.substring(name.length() + 1) : null;
            String cidrs = lower.length() > name.length() && lower.charAt(name.length()) == '/'
                    ? lower.substring(name.length()) : "";
            if (argument != null && (name.equals("a") || name.equals("mx"))) {
                int slash = argument.indexOf('/');
                if (slash >= 0) {
                    cidrs = argument.substring(slash);
                    argument = argument.substring(0, slash);
                }
            }
            return switch (name) {
                case "all" -> true;
                case "ip4" -> !ipv6() && inNetwork(argument, 32);
                case "ip6" -> ipv6() && inNetwork(argument, 128);
                case "a" -> {
                    count();
                    yield !hasMacro(argument) && anyAddressMatches(target(argument, domain), cidrs);
                }
                case "mx" -> {
                    count();
                    yield !hasMacro(argument) && mxMatches(target(argument, domain), cidrs);
                }
                case "include" -> {
                    count();
                    yield !hasMacro(argument) && included(argument);
                }
                case "exists" -> {
                    count();
                    if (argument == null) {
                        throw stop(SpfResult.Outcome.PERMERROR, "exists without a domain");
                    }
                    yield !hasMacro(argument) && !answered(dns.addresses(argument, false), argument).isEmpty();
                }
                case "ptr" -> {
                    count();
                    yield false;
                }
                default -> throw stop(SpfResult.Outcome.PERMERROR, domain + " has an unknown mechanism " + mechanism);
            };
        }

        private boolean included(String domain) {
            if (domain == null) {
                throw stop(SpfResult.Outcome.PERMERROR, "include without a domain");
            }
            SpfResult result = checkHost(domain);
            return switch (result.outcome()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case NONE -> throw stop(SpfResult.Outcome.PERMERROR, "included " + domain + " has no SPF record");
                case PERMERROR, TEMPERROR -> throw new Stop(result);
            };
        }

        private boolean mxMatches(String domain, String cidrs) {
            List<MxRecord> exchangers = answered(dns.mailExchangers(domain), domain);
            if (exchangers.size() > LOOKUP_LIMIT) {
                throw stop(SpfResult.Outcome.PERMERROR, domain + " has more than " + LOOKUP_LIMIT + " MX records");
            }
            return exchangers.stream().filter(mx -> !mx.nullMx()).anyMatch(mx -> anyAddressMatches(mx.host(), cidrs));
        }

        private boolean anyAddressMatches(String host, String cidrs) {
            int prefix = prefix(cidrs);
            return answered(dns.addresses(host, ipv6()), host).stream()
                    .anyMatch(found -> NetworkRange.enclosing(NetworkRange.address(found), prefix, prefix).contains(address));
        }

        /** The prefix length of {@code /24//64} for this address's family; the whole address without. */
        private int prefix(String cidrs) {
            String[] parts = cidrs.split("//", 2);
            String wanted = ipv6() ? (parts.length > 1 ? parts[1] : "") : parts[0];
            wanted = wanted.startsWith("/") ? wanted.substring(1) : wanted;
            int max = ipv6() ? 128 : 32;
            try {
                int prefix = wanted.isEmpty() ? max : Integer.parseInt(wanted);
                if (prefix >= 0 && prefix <= max) {
                    return prefix;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw stop(SpfResult.Outcome.PERMERROR, "not a prefix length: " + cidrs);
        }

        private boolean inNetwork(String network, int maxPrefix) {
            if (network == null) {
                throw stop(SpfResult.Outcome.PERMERROR, "ip4 or ip6 without a network");
            }
            int slash = network.indexOf('/');
            try {
                InetAddress base = NetworkRange.address(slash < 0 ? network : network.substring(0, slash));
                int prefix = slash < 0 ? maxPrefix : Integer.parseInt(network.substring(slash + 1));
                return (base instanceof Inet6Address) == ipv6() && NetworkRange.enclosing(base, prefix, prefix).contains(address);
            } catch (IllegalArgumentException e) {
                throw stop(SpfResult.Outcome.PERMERROR, "not a network: " + network);
            }
        }

        private <T> List<T> answered(DnsAnswer<T> answer, String name) {
            if (answer.outcome() == DnsAnswer.Outcome.FAILED) {
                throw stop(SpfResult.Outcome.TEMPERROR, "no answer about " + name);
            }
            countVoid(answer);
            return answer.records();
        }

        private void countVoid(DnsAnswer<?> answer) {
            if (answer.records().isEmpty() && ++voidLookups > VOID_LOOKUP_LIMIT) {
                throw stop(SpfResult.Outcome.PERMERROR, "more than " + VOID_LOOKUP_LIMIT + " lookups found nothing");
            }
        }

        private void count() {
            if (++lookups > LOOKUP_LIMIT) {
                throw stop(SpfResult.Outcome.PERMERROR, "more than " + LOOKUP_LIMIT + " DNS lookups");
            }
        }

        private boolean ipv6() {
            return address instanceof Inet6Address;
        }
    }

    private static String target(String argument, String domain) {
        return argument == null || argument.isEmpty() ? domain : argument;
    }

    private static boolean hasMacro(String argument) {
        return argument != null && argument.contains("%");
    }

    /** A record is SPF when it starts with {@code v=spf1} followed by a space or nothing (§4.5). */
    static boolean isSpf(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("v=spf1") || lower.startsWith("v=spf1 ");
    }

    private static SpfResult.Outcome result(char qualifier) {
        return switch (qualifier) {
            case '-' -> SpfResult.Outcome.FAIL;
            case '~' -> SpfResult.Outcome.SOFTFAIL;
            case '?' -> SpfResult.Outcome.NEUTRAL;
            default -> SpfResult.Outcome.PASS;
        };
    }

    private static Stop stop(SpfResult.Outcome outcome, String reason) {
        return new Stop(new SpfResult(outcome, reason));
    }

    /** Ends the whole evaluation with a result: errors are final (§4.6.4, §5.2). */
    private static final class Stop extends RuntimeException {

        private final transient SpfResult result;

        Stop(SpfResult result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }
}
