package org.passerelle.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.NetworkRange;
import org.passerelle.onboarding.SpfResult.Outcome;

/** RFC 7208's check_host() on the records application domains publish. */
class SpfEvaluatorTest {

    private static final InetAddress GATEWAY = NetworkRange.address("192.0.2.10");
    private static final InetAddress GATEWAY6 = NetworkRange.address("2001:db8::10");

    private static Outcome outcome(ZoneData zone, InetAddress address, String domain) {
        return new SpfEvaluator(zone).check(address, domain).outcome();
    }

    @Test
    void ip4AndIp6NetworksMatchTheirAddresses() {
        ZoneData zone = new ZoneData().txt("app.test", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all");
        assertEquals(Outcome.PASS, outcome(zone, GATEWAY, "app.test"));
        assertEquals(Outcome.PASS, outcome(zone, GATEWAY6, "app.test"));
        assertEquals(Outcome.FAIL, outcome(zone, NetworkRange.address("198.51.100.1"), "app.test"));
    }

    @Test
    void hostBitsInANetworkAreMasked() {
        assertEquals(Outcome.PASS, outcome(new ZoneData().txt("app.test", "v=spf1 ip4:192.0.2.77/24 -all"), GATEWAY, "app.test"));
    }

    @Test
    void qualifiersGiveTheirResults() {
        assertEquals(Outcome.SOFTFAIL, outcome(new ZoneData().txt("app.test", "v=spf1 ~all"), GATEWAY, "app.test"));
        assertEquals(Outcome.NEUTRAL, outcome(new ZoneData().txt("app.test", "v=spf1 ?all"), GATEWAY, "app.test"));
        assertEquals(Outcome.NEUTRAL, outcome(new ZoneData().txt("app.test", "v=spf1 ip4:198.51.100.0/24"), GATEWAY, "app.test"));
        assertEquals(Outcome.PASS, outcome(new ZoneData().txt("app.test", "v=spf1 +ip4:192.0.2.10 -all"), GATEWAY, "app.test"));
    }

    @Test
    void aAndMxMechanismsLookUpAddressesWithPrefixes() {
        ZoneData zone = new ZoneData().txt("app.test", "v=spf1 a mx:mail.test/24 -all").a("app.test", "198.51.100.5")
                .mx("mail.test", 10, "mx1.mail.test").a("mx1.mail.test", "192.0.2.200");
        assertEquals(Outcome.PASS, outcome(zone, GATEWAY, "app.test"));
        assertEquals(Outcome.PASS, outcome(zone, NetworkRange.address("198.51.100.5"), "app.test"));
        assertEquals(Outcome.FAIL, outcome(zone, NetworkRange.address("198.51.100.6"), "app.test"));
    }

    @Test
    void includeAndRedirectFollowOtherDomains() {
        ZoneData zone = new ZoneData()
                .txt("app.test", "v=spf1 include:gateways.test -all")
                .txt("gateways.test", "v=spf1 redirect=_spf.corp.test")
                .txt("_spf.corp.test", "v=spf1 ip4:192.0.2.0/28 ~all");
        assertEquals(Outcome.PASS, outcome(zone, GATEWAY, "app.test"));
        assertEquals(Outcome.FAIL, outcome(zone, NetworkRange.address("192.0.2.100"), "app.test"), "the include did not match: -all");
    }

    @Test
    void noRecordIsNoneAndTwoArePermerror() {
        assertEquals(Outcome.NONE, outcome(new ZoneData().txt("app.test", "some verification token"), GATEWAY, "app.test"));
        assertEquals(Outcome.PERMERROR, outcome(new ZoneData().txt("app.test", "v=spf1 -all").txt("app.test", "v=spf1 +all"),
                GATEWAY, "app.test"));
        assertEquals(Outcome.NONE, outcome(new ZoneData().txt("app.test", "v=spf10 +all"), GATEWAY, "app.test"));
    }

    @Test
    void anIncludeWithoutRecordIsPermerror() {
        assertEquals(Outcome.PERMERROR, outcome(new ZoneData().txt("app.test", "v=spf1 include:nowhere.test -all")
                .txt("nowhere.test", "hello"), GATEWAY, "app.test"));
    }

    @Test
    void moreThanTenLookupsIsPermerror() {
        ZoneData zone = new ZoneData();
        for (int i = 0; i < 11; i++) {
            zone.txt("loop" + i + ".test", "v=spf1 include:loop" + (i + 1) + ".test -all");
        }
        zone.txt("loop11.test", "v=spf1 +all");
        assertEquals(Outcome.PERMERROR, outcome(zone, GATEWAY, "loop0.test"));
        assertEquals(Outcome.PASS, outcome(zone, GATEWAY, "loop2.test"), "ten includes are allowed");
    }

    @Test
    void anIncludeLoopEndsAtTheLimit() {
        ZoneData zone = new ZoneData().txt("a.test", "v=spf1 include:b.test -all").txt("b.test", "v=spf1 include:a.test -all");
        assertEquals(Outcome.PERMERROR, outcome(zone, GATEWAY, "a.test"));
    }

    @Test
    void moreThanTwoVoidLookupsIsPermerror() {
        ZoneData zone = new ZoneData().txt("app.test", "v=spf1 a:x1.test a:x2.test a:x3.test +all")
                .txt("x1.test", "-").txt("x2.test", "-").txt("x3.test", "-");
        assertEquals(Outcome.PERMERROR, outcome(zone, GATEWAY, "app.test"));
    }

    @Test
    void existsMatchesANameWithAnAddress() {
        ZoneData zone = new ZoneData().txt("app.test", "v=spf1 exists:allowed.app.test -all").a("allowed.app.test", "127.0.0.2");
        assertEquals(Outcome.PASS, outcome(zone, GATEWAY, "app.test"));
    }

    @Test
    void anUnansweredQuestionIsTemperror() {
        assertEquals(Outcome.TEMPERROR, outcome(new ZoneData().failing("app.test"), GATEWAY, "app.test"));
        assertEquals(Outcome.TEMPERROR, outcome(new ZoneData().txt("app.test", "v=spf1 include:slow.test -all").failing("slow.test"),
                GATEWAY, "app.test"));
    }

    @Test
    void macrosAreNotExpandedAndDoNotMatch() {
        assertEquals(Outcome.SOFTFAIL, outcome(new ZoneData().txt("app.test", "v=spf1 exists:%{i}.spf.test ~all"), GATEWAY, "app.test"));
    }

    @Test
    void unknownMechanismsArePermerror() {
        assertEquals(Outcome.PERMERROR, outcome(new ZoneData().txt("app.test", "v=spf1 ip5:1.2.3.4 -all"), GATEWAY, "app.test"));
        assertEquals(Outcome.PERMERROR, outcome(new ZoneData().txt("app.test", "v=spf1 exists -all"), GATEWAY, "app.test"));
        assertEquals(Outcome.PERMERROR, outcome(new ZoneData().txt("app.test", "v=spf1 include -all"), GATEWAY, "app.test"));
    }
}
