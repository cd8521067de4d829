package org.passerelle.routing;

/** The DNS questions routing asks; {@link DnsjavaNameService} asks a real server, tests a fake. */
public interface NameService {

    /** The MX records of the domain, as the server gave them. */
    DnsAnswer<MxRecord> mailExchangers(String domain);

    /** The host's IPv4 addresses (A records), else its IPv6 addresses (AAAA records). */
    DnsAnswer<String> addresses(String host);
}
