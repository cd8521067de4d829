package org.passerelle.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.Verdict;

/**
 * Address-literal recipients ({@code user@[192.0.2.1]}, {@code user@[IPv6:2001:db8::1]}, RFC 5321
 * §4.1.3) make the gateway open an SMTP connection to the address they name. A client with a relay
 * right could so reach the gateway itself or the hosts only it can reach: literals naming a
 * loopback, link-local or unspecified address, or one of the gateway's own addresses, are refused
 * unless a route of the routing table names that very literal. So is a literal that is not an IPv4
 * dotted quad or an IPv6 address ({@code [localhost]}, {@code [127.1]}): the next hop would look it
 * up as a host name. Other literals are routed like any domain.
 */
final class AddressLiteralPolicy {

    private static final String IPV6_TAG = "ipv6:";

    private final Supplier<Set<InetAddress>> ownAddresses;

    /** @param ownAddresses the addresses of the gateway's own interfaces */
    AddressLiteralPolicy(Supplier<Set<InetAddress>> ownAddresses) {
        this.ownAddresses = ownAddresses;
    }

    /** The refusal of a recipient whose literal names an internal address; empty for any other recipient. */
    Optional<PolicyDecision> check(MailAddress recipient, DirectorySnapshot snapshot) {
        String domain = recipient.domain();
        if (!domain.startsWith("[") || snapshot.routes().stream().anyMatch(route -> route.domain().matches(domain))) {
            return Optional.empty();
        }
        Optional<InetAddress> address = literal(domain);
        if (address.isEmpty()) {
            return Optional.of(new PolicyDecision(Verdict.reject(553, "5.1.2", "<" + recipient
                    + ">: Recipient address rejected: address literal is not an IP address"),
                    "address literal " + domain + " is not an IP address"));
        }
        if (!internal(address.get())) {
            return Optional.empty();
        }
        return Optional.of(new PolicyDecision(Verdict.reject(550, "5.1.2", "<" + recipient
                + ">: Recipient address rejected: address literal names a local address"),
                "address literal " + domain + " names a loopback, link-local, unspecified or own address and no route names it"));
    }

    /** The address an address literal names; empty for a domain name or a literal that is no IP address in numeric form. */
    static Optional<InetAddress> literal(String domain) {
        if (!domain.startsWith("[") || !domain.endsWith("]")) {
            return Optional.empty();
        }
        String inside = domain.substring(1, domain.length() - 1);
        boolean ipv6 = inside.toLowerCase(Locale.ROOT).startsWith(IPV6_TAG);
        String text = ipv6 ? inside.substring(IPV6_TAG.length()) : inside;
        // only numeric forms: InetAddress would otherwise look a name up in DNS
        if (ipv6 ? !text.matches("[0-9A-Fa-f:.]+") || !text.contains(":") : !dottedQuad(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean dottedQuad(String text) {
        if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return false;
        }
        for (String octet : text.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || ownAddresses.get().contains(address);
    }
}
