package org.passerelle.routing;

import java.net.InetAddress;

/**
 * The DNS questions beyond routing's that the onboarding checks ask: text records (SPF), reverse
 * names, and addresses of one family. {@link DnsjavaNameService} asks a real server.
 */
public interface DnsLookups extends NameService {

    /** The TXT records of the name, each record's strings joined into one text (RFC 7208 §3.3). */
    DnsAnswer<String> texts(String name);

    /** The PTR names of the address (its reverse DNS), without the final dot. */
    DnsAnswer<String> pointers(InetAddress address);

    /** The host's AAAA records when {@code ipv6}, else its A records. */
    DnsAnswer<String> addresses(String host, boolean ipv6);
}
