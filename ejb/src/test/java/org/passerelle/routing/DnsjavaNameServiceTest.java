package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.passerelle.smtp.client.NextHop;

/** MX lookups through dnsjava against a real DNS server (dnsmasq on 127.0.0.1), as Passerelle makes them. */
class DnsjavaNameServiceTest {

    @TempDir
    static Path dir;

    private static Dnsmasq dnsmasq;
    private static NameService dns;
    private final MxLookup lookup = new MxLookup(dns, new Random(7505));

    @BeforeAll
    static void start() throws Exception {
        dnsmasq = Dnsmasq.start(dir,
                "--mx-host=mx.test,backup.mx.test,20",
                "--mx-host=mx.test,a.mx.test,10",
                "--mx-host=mx.test,b.mx.test,10",
                // RFC 7505: a single MX naming the root, preference 0; the address beside it changes nothing
                "--mx-host=nullmx.test,.,0",
                "--host-record=nullmx.test,192.0.2.99",
                "--host-record=afallback.test,192.0.2.7",
                "--host-record=v6only.test,2001:db8::7",
                "--txt-record=nomail.test,no mail here");
        dns = dnsmasq.nameService(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private RouteFailure failure(String domain) {
        return assertThrows(UnroutableException.class, () -> lookup.nextHops(domain, 25)).failure();
    }

    @Test
    void readsMxRecordsWithTheirPreferences() {
        DnsAnswer<MxRecord> answer = dns.mailExchangers("mx.test");
        assertEquals(DnsAnswer.Outcome.ANSWERED, answer.outcome());
        assertEquals(Set.of(new MxRecord(10, "a.mx.test"), new MxRecord(10, "b.mx.test"), new MxRecord(20, "backup.mx.test")),
                Set.copyOf(answer.records()));
    }

    @Test
    void triesTheLowestPreferenceFirstAndSharesEqualOnes() throws Exception {
        Set<NextHop> firstTried = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            List<NextHop> hops = lookup.nextHops("mx.test", 25);
            assertEquals(Set.of(new NextHop("a.mx.test", 25), new NextHop("b.mx.test", 25)), Set.copyOf(hops.subList(0, 2)));
            assertEquals(new NextHop("backup.mx.test", 25), hops.get(2));
            firstTried.add(hops.get(0));
        }
        assertEquals(2, firstTried.size(), "both exchangers of preference 10 come first in turn");
    }

    @Test
    void aDomainWithoutMxIsItsOwnExchanger() throws Exception {
        assertEquals(List.of(new NextHop("afallback.test", 25)), lookup.nextHops("afallback.test", 25));
        assertEquals(List.of("192.0.2.7"), dns.addresses("afallback.test").records());
    }

    @Test
    void anIpv6AddressIsEnoughForTheFallback() throws Exception {
        assertEquals(List.of(new NextHop("v6only.test", 25)), lookup.nextHops("v6only.test", 25));
        assertEquals(List.of("2001:db8:0:0:0:0:0:7"), dns.addresses("v6only.test").records());
    }

    @Test
    void aNullMxBouncesAtOnce() {
        assertEquals(List.of(new MxRecord(0, "")), dns.mailExchangers("nullmx.test").records());
        RouteFailure failure = failure("nullmx.test");
        assertEquals("556 5.1.10 Recipient address has null MX: nullmx.test accepts no mail", failure.reply().toString());
    }

    @Test
    void aDomainThatDoesNotExistBounces() {
        assertEquals(DnsAnswer.Outcome.NO_SUCH_DOMAIN, dns.mailExchangers("nowhere.test").outcome());
        RouteFailure failure = failure("nowhere.test");
        assertTrue(failure.permanent());
        assertEquals("5.4.4", failure.status());
    }

    @Test
    void aDomainWithNeitherMxNorAddressBounces() {
        assertTrue(dns.mailExchangers("nomail.test").records().isEmpty());
        assertTrue(failure("nomail.test").permanent());
    }

    @Test
    void aRefusedQuestionDefers() {
        // dnsmasq has no upstream server: it refuses names outside .test
        RouteFailure failure = failure("example.org");
        assertFalse(failure.permanent());
        assertEquals("4.4.3", failure.status());
    }

    @Test
    void aServerThatDoesNotAnswerDefers() throws Exception {
        // a socket that is open and never answers: the question times out
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            NameService mute = DnsjavaNameService.of(Optional.of("127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(500));
            RouteFailure failure = assertThrows(UnroutableException.class, () -> new MxLookup(mute, new Random()).nextHops("mx.test", 25)).failure();
            assertEquals(451, failure.code());
            assertEquals("4.4.3", failure.status());
        }
    }
}
