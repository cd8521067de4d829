package org.passerelle.directory;

/**
 * An entry of the routing table ({@code ou=routes}, {@code pslRoute}): mail for the domain goes to
 * the next hop. {@code example.test} names that domain, {@code *.example.test} its subdomains.
 *
 * @param nextHop   as written in the directory: {@code [host]:port} (that host) or {@code host:port}
 *                  (the host's MX records); read when mail is routed, so that a route written wrong
 *                  holds its mail back instead of letting other rules send it elsewhere
 * @param tlsPolicy the TLS policy of deliveries to that next hop as written ({@code pslTlsPolicy}),
 *                  read likewise when mail is routed; {@code null} for the SMTP client's default
 */
public record DomainRoute(DomainPattern domain, String nextHop, String tlsPolicy) {

    /** A route under the SMTP client's default TLS policy. */
    public DomainRoute(DomainPattern domain, String nextHop) {
        this(domain, nextHop, null);
    }
}
