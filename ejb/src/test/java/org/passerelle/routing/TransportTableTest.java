package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.DomainPattern;
import org.passerelle.directory.DomainRoute;
import org.passerelle.directory.ManagedDomain;

class TransportTableTest {

    private static DomainRoute route(String domain, String nextHop) {
        return new DomainRoute(new DomainPattern(domain), nextHop);
    }

    private final TransportTable table = new TransportTable(
            List.of(route("partner.test", "[mx.partner.test]:25"),
                    route("*.partner.test", "[sub.partner.test]:2525"),
                    route("*.eu.partner.test", "[eu.partner.test]:25"),
                    route("corp.test", "[override.corp.test]:25"),
                    route("*.test", "[catch-all.test]:25")),
            List.of(new ManagedDomain("corp.test", ManagedDomain.Kind.RELAY, "[mail.corp.test]:25"),
                    new ManagedDomain("branch.test", ManagedDomain.Kind.RELAY, "[mail.branch.test]:25"),
                    new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null)));

    private String nextHop(String domain) {
        return table.lookup(domain).map(TransportTable.Match::nextHop).orElse("none");
    }

    @Test
    void aDomainEntryMatchesThatDomain() {
        assertEquals("[mx.partner.test]:25", nextHop("partner.test"));
        assertEquals("route partner.test", table.lookup("partner.test").orElseThrow().rule());
    }

    @Test
    void aSubdomainEntryMatchesTheSubdomainsOnly() {
        assertEquals("[sub.partner.test]:2525", nextHop("a.partner.test"));
        assertEquals("[sub.partner.test]:2525", nextHop("b.a.partner.test"));
        assertEquals("route *.partner.test", table.lookup("a.partner.test").orElseThrow().rule());
    }

    @Test
    void theNearestParentsSubdomainEntryWins() {
        assertEquals("[eu.partner.test]:25", nextHop("paris.eu.partner.test"));
        assertEquals("[sub.partner.test]:2525", nextHop("eu.partner.test"), "*.eu.partner.test does not match eu.partner.test");
    }

    @Test
    void aRouteWinsOverTheManagedDomainsDefault() {
        assertEquals("[override.corp.test]:25", nextHop("corp.test"));
    }

    @Test
    void aManagedDomainsDefaultNextHopIsItsRoute() {
        assertEquals("[mail.branch.test]:25", nextHop("branch.test"));
        assertEquals("next hop of managed domain branch.test", table.lookup("branch.test").orElseThrow().rule());
    }

    @Test
    void aManagedDomainsDefaultDoesNotCoverItsSubdomainsButAParentRouteDoes() {
        assertEquals("[catch-all.test]:25", nextHop("shop.branch.test"));
    }

    @Test
    void aManagedDomainWithoutNextHopIsNoEntry() {
        assertEquals("[catch-all.test]:25", nextHop("managed.test"));
    }

    @Test
    void aDomainNoEntryCoversHasNoMatch() {
        assertTrue(table.lookup("example.org").isEmpty());
        assertTrue(new TransportTable(List.of(), List.of()).lookup("partner.test").isEmpty());
    }
}
