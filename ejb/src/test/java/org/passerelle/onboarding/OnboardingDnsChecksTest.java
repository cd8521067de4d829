package org.passerelle.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.CheckResult;
import org.passerelle.directory.NetworkRange;

/** The onboarding DNS checks warn, never fail, and say what they looked at. */
class OnboardingDnsChecksTest {

    private static final List<GatewaySite> PARIS = List.of(new GatewaySite("gw-paris", List.of(NetworkRange.address("192.0.2.10"))));

    private static CheckResult only(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static ZoneData wellKept() {
        return new ZoneData().ptr("10.40.0.1", "app1.corp.test")
                .txt("app.test", "v=spf1 ip4:192.0.2.0/28 -all").mx("app.test", 10, "mx.app.test");
    }

    @Test
    void aWellKeptRegistrationPassesEveryCheck() {
        List<CheckResult> results = new OnboardingDnsChecks(wellKept())
                .check(List.of(NetworkRange.parse("10.40.0.0/28")), List.of("billing@app.test"), PARIS);
        assertEquals(List.of("networks-reverse-dns", "senders-spf-covers-gateways", "senders-mx-exists"),
                results.stream().map(CheckResult::name).toList());
        results.forEach(result -> assertFalse(result.warning(), result.toString()));
        assertTrue(only(results, "networks-reverse-dns").message().contains("10.40.0.1 is app1.corp.test"));
    }

    @Test
    void missingRecordsAreWarningsThatPassNamingWhatIsMissing() {
        ZoneData zone = new ZoneData().txt("app.test", "v=spf1 ip4:198.51.100.0/24 ~all").a("app.test", "198.51.100.1");
        List<CheckResult> results = new OnboardingDnsChecks(zone)
                .check(List.of(NetworkRange.parse("10.40.0.0/28")), List.of("billing@app.test"), PARIS);
        results.forEach(result -> assertTrue(result.passed(), "warnings never block: " + result));
        assertTrue(only(results, "networks-reverse-dns").warning());
        assertTrue(only(results, "senders-spf-covers-gateways").warning());
        assertEquals("no reverse DNS (PTR) for 10.40.0.1, 10.40.0.2 of 10.40.0.0/28 (first two addresses of each network sampled)",
                only(results, "networks-reverse-dns").message());
        assertEquals("the SPF record of app.test does not authorise 192.0.2.10 of gw-paris (softfail: app.test says ~all)",
                only(results, "senders-spf-covers-gateways").message());
        assertFalse(only(results, "senders-mx-exists").warning(), "no MX, but an address: bounces go there");
    }

    @Test
    void aDomainWithoutMxOrAddressCannotTakeBounces() {
        CheckResult mx = only(new OnboardingDnsChecks(new ZoneData().txt("app.test", "v=spf1 -all"))
                .check(List.of(), List.of("x@app.test"), PARIS), "senders-mx-exists");
        assertEquals("app.test has no MX and no address: bounces could not come back", mx.message());
        assertTrue(mx.warning());
        CheckResult fallback = only(new OnboardingDnsChecks(new ZoneData().a("app.test", "198.51.100.1"))
                .check(List.of(), List.of("x@app.test"), PARIS), "senders-mx-exists");
        assertFalse(fallback.warning(), fallback.toString());
        assertTrue(only(new OnboardingDnsChecks(new ZoneData().mx("app.test", 0, "."))
                .check(List.of(), List.of("x@app.test"), PARIS), "senders-mx-exists").message().contains("null MX"));
    }

    @Test
    void aTimeoutIsCouldNotCheckAndStopsTheQuestions() {
        ZoneData zone = new ZoneData().failing("10.40.0.1").failing("10.40.0.2");
        List<CheckResult> results = new OnboardingDnsChecks(zone)
                .check(List.of(NetworkRange.parse("10.40.0.0/28"), NetworkRange.parse("10.41.0.0/28")), List.of("x@app.test"), PARIS);
        results.forEach(result -> assertTrue(result.passed() && result.warning(), result.toString()));
        assertTrue(only(results, "senders-spf-covers-gateways").message().startsWith("could not check"));
        assertTrue(only(results, "senders-mx-exists").message().startsWith("could not check"));
        assertEquals(List.of("PTR 10.40.0.1"), zone.questions, "after the first unanswered question, none is asked");
    }

    @Test
    void onlyWhatTheRequestAddsIsChecked() {
        ZoneData zone = new ZoneData();
        assertEquals(List.of(), new OnboardingDnsChecks(zone).check(List.of(), List.of("<>"), PARIS));
        assertEquals(List.of(), zone.questions);
    }

    @Test
    void sitesWithoutAddressesCannotBeChecked() {
        CheckResult spf = only(new OnboardingDnsChecks(wellKept())
                .check(List.of(), List.of("x@app.test"), List.of(new GatewaySite("gw-lyon", List.of()))), "senders-spf-covers-gateways");
        assertEquals("could not check: no address is known for the gateway sites gw-lyon (set their outboundAddresses)", spf.message());
    }

    @Test
    void samplesTheFirstHostAddressesOfANetwork() {
        assertEquals(List.of(NetworkRange.address("10.0.0.1"), NetworkRange.address("10.0.0.2")),
                OnboardingDnsChecks.sample(NetworkRange.parse("10.0.0.0/24")));
        assertEquals(List.of(NetworkRange.address("10.0.0.7")), OnboardingDnsChecks.sample(NetworkRange.parse("10.0.0.7")));
        assertEquals(List.of(NetworkRange.address("10.0.0.6"), NetworkRange.address("10.0.0.7")),
                OnboardingDnsChecks.sample(NetworkRange.parse("10.0.0.6/31")));
        assertEquals(List.of(NetworkRange.address("2001:db8::1"), NetworkRange.address("2001:db8::2")),
                OnboardingDnsChecks.sample(NetworkRange.parse("2001:db8::/64")));
    }
}
