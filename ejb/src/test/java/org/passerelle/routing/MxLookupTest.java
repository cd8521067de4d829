package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.NextHop;

class MxLookupTest {

    private final FakeNameService dns = new FakeNameService();
    private final MxLookup lookup = new MxLookup(dns, new Random(5321));

    private List<String> hosts(String domain) throws UnroutableException {
        return lookup.nextHops(domain, 25).stream().map(NextHop::host).toList();
    }

    private RouteFailure failure(String domain) {
        return assertThrows(UnroutableException.class, () -> lookup.nextHops(domain, 25)).failure();
    }

    @Test
    void triesTheLowestPreferenceFirst() throws Exception {
        dns.mx("example.test", new MxRecord(20, "backup.example.test."), new MxRecord(5, "primary.example.test."),
                new MxRecord(10, "secondary.example.test."));
        assertEquals(List.of("primary.example.test", "secondary.example.test", "backup.example.test"), hosts("example.test"));
    }

    @Test
    void eachExchangerTakesThePortAsked() throws Exception {
        dns.mx("example.test", new MxRecord(10, "mx.example.test"));
        assertEquals(List.of(new NextHop("mx.example.test", 2526)), lookup.nextHops("example.test", 2526));
    }

    /**
     * Three exchangers of equal preference, 6,000 lookups: each of the six orders should come about
     * 1,000 times. Chi-square with 5 degrees of freedom stays under 20.52 with probability 0.999 when
     * the orders are uniform; the seed makes the run repeatable.
     */
    @Test
    void shufflesExchangersOfEqualPreferenceUniformly() throws Exception {
        dns.mx("example.test", new MxRecord(10, "a.example.test"), new MxRecord(10, "b.example.test"),
                new MxRecord(10, "c.example.test"), new MxRecord(20, "backup.example.test"));
        int lookups = 6000;
        Map<List<String>, Integer> orders = new HashMap<>();
        for (int i = 0; i < lookups; i++) {
            List<String> hosts = hosts("example.test");
            assertEquals("backup.example.test", hosts.get(3), "the shuffle stays within one preference");
            orders.merge(hosts.subList(0, 3), 1, Integer::sum);
        }
        assertEquals(6, orders.size(), "every order occurs: " + orders);
        double expected = lookups / 6.0;
        double chiSquare = orders.values().stream().mapToDouble(seen -> (seen - expected) * (seen - expected) / expected).sum();
        assertTrue(chiSquare < 20.52, "chi-square " + chiSquare + " for " + orders);
    }

    @Test
    void aDomainWithoutMxIsItsOwnExchangerWhenItHasAnAddress() throws Exception {
        dns.address("example.test", "192.0.2.7");
        assertEquals(List.of(new NextHop("example.test", 25)), lookup.nextHops("example.test", 25));
    }

    @Test
    void aDomainWithNeitherMxNorAddressFailsForGood() {
        dns.address("example.test");
        RouteFailure failure = failure("example.test");
        assertTrue(failure.permanent());
        assertEquals("5.4.4", failure.status());
    }

    @Test
    void aNullMxRefusesAtOnce() {
        dns.mx("nomail.test", new MxRecord(0, ".")).address("nomail.test", "192.0.2.8");
        RouteFailure failure = failure("nomail.test");
        assertEquals(556, failure.code());
        assertEquals("5.1.10", failure.status());
        assertTrue(failure.permanent());
        assertEquals(List.of("MX nomail.test"), dns.questions, "a null MX is final: no address fallback");
    }

    @Test
    void aRootExchangerBesideRealOnesIsSkipped() throws Exception {
        dns.mx("example.test", new MxRecord(0, "."), new MxRecord(10, "mx.example.test"));
        assertEquals(List.of("mx.example.test"), hosts("example.test"));
    }

    @Test
    void aDomainThatDoesNotExistFailsForGood() {
        RouteFailure failure = failure("nowhere.test");
        assertEquals(550, failure.code());
        assertEquals("5.4.4", failure.status());
        assertTrue(failure.text().contains("NXDOMAIN"), failure.text());
    }

    @Test
    void aServerThatDoesNotAnswerFailsForNow() {
        dns.mxFails("example.test", "SERVFAIL");
        RouteFailure failure = failure("example.test");
        assertFalse(failure.permanent());
        assertEquals(451, failure.code());
        assertEquals("4.4.3", failure.status());
        assertTrue(failure.text().contains("SERVFAIL"), failure.text());
    }

    @Test
    void anAddressLookupThatTimesOutFailsForNow() {
        dns.addressFails("example.test", "timed out");
        assertFalse(failure("example.test").permanent());
    }
}
