package org.passerelle.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.passerelle.directory.CheckResult;
import org.passerelle.directory.NetworkRange;
import org.passerelle.routing.DnsjavaNameService;
import org.passerelle.routing.Dnsmasq;

/**
 * The onboarding DNS checks through dnsjava against a real DNS server (dnsmasq on 127.0.0.1):
 * the warnings appear while the records are missing, and go once the PTR, SPF and MX records are
 * published; a server that does not answer is "could not check".
 */
class OnboardingDnsChecksDnsmasqTest {

    private static final List<NetworkRange> NETWORKS = List.of(NetworkRange.parse("10.40.0.0/28"));
    private static final List<String> SENDERS = List.of("billing@app.test");
    private static final List<GatewaySite> SITES = List.of(new GatewaySite("gw-paris", List.of(NetworkRange.address("192.0.2.10"))));
    // names under .test and the reverse tree that the server is not given do not exist
    private static final String[] ZONES = {"--local=/in-addr.arpa/"};

    @TempDir
    Path dir;

    private List<CheckResult> checkAgainst(String... records) throws Exception {
        String[] options = new String[ZONES.length + records.length];
        System.arraycopy(ZONES, 0, options, 0, ZONES.length);
        System.arraycopy(records, 0, options, ZONES.length, records.length);
        try (Dnsmasq dnsmasq = Dnsmasq.start(dir, options)) {
            return new OnboardingDnsChecks(dnsmasq.nameService(Duration.ofSeconds(2))).check(NETWORKS, SENDERS, SITES);
        }
    }

    @Test
    void warningsAppearWhileRecordsAreMissingAndGoOncePublished() throws Exception {
        List<CheckResult> before = checkAgainst("--host-record=other.test,198.51.100.1");
        assertEquals(List.of(true, true, true), before.stream().map(CheckResult::warning).toList(), before.toString());
        assertTrue(before.stream().allMatch(CheckResult::passed), "warnings never block");
        assertEquals("no reverse DNS (PTR) for 10.40.0.1, 10.40.0.2 of 10.40.0.0/28 (first two addresses of each network sampled)",
                before.get(0).message());
        assertEquals("app.test does not exist in DNS: bounces could not come back", before.get(2).message());

        List<CheckResult> after = checkAgainst(
                "--ptr-record=1.0.40.10.in-addr.arpa,app1.corp.test",
                "--txt-record=app.test,v=spf1 mx include:_spf.gateways.test -all",
                "--txt-record=_spf.gateways.test,v=spf1 ip4:192.0.2.0/28 ~all",
                "--mx-host=app.test,mx.app.test,10",
                "--host-record=mx.app.test,198.51.100.25");
        assertEquals(List.of(false, false, false), after.stream().map(CheckResult::warning).toList(), after.toString());
        assertTrue(after.get(0).message().contains("10.40.0.1 is app1.corp.test"), after.get(0).message());
        assertEquals("the SPF records of app.test authorise gw-paris 192.0.2.10", after.get(1).message());
    }

    @Test
    void anSpfRecordThatLeavesTheSiteOutIsAWarningNamingTheAddress() throws Exception {
        List<CheckResult> results = checkAgainst("--txt-record=app.test,v=spf1 ip4:198.51.100.0/24 -all",
                "--mx-host=app.test,mx.app.test,10");
        assertEquals("the SPF record of app.test does not authorise 192.0.2.10 of gw-paris (fail: app.test says -all)",
                results.get(1).message());
        assertFalse(results.get(2).warning(), results.get(2).toString());
    }

    @Test
    void aServerThatDoesNotAnswerIsCouldNotCheck() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsjavaNameService dns = DnsjavaNameService.of(Optional.of("127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(500));
            long start = System.nanoTime();
            List<CheckResult> results = new OnboardingDnsChecks(dns).check(NETWORKS, SENDERS, SITES);
            assertTrue(results.stream().allMatch(r -> r.passed() && r.warning()), results.toString());
            assertTrue(results.get(0).message().startsWith("could not check the reverse DNS"), results.get(0).message());
            assertTrue(results.get(1).message().startsWith("could not check the SPF record of app.test"), results.get(1).message());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0,
                    "one timeout, not one per question");
        }
    }
}
