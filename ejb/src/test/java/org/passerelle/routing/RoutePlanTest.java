package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

class RoutePlanTest {

    private static final List<NextHop> SINK = List.of(new NextHop("127.0.0.1", 2526));
    private static final List<NextHop> MX = List.of(new NextHop("mx1.example.org", 25), new NextHop("mx2.example.org", 25));

    private static Route route(String recipient, List<NextHop> hops) {
        return new Route(MailAddress.parse(recipient), MailAddress.parse(recipient), hops, "test");
    }

    private static Unroutable unroutable(String recipient) {
        return new Unroutable(MailAddress.parse(recipient), RouteFailure.reject(556, "5.1.10", "null MX"), "MX");
    }

    @Test
    void recipientsWithTheSameNextHopsGoInOneTransaction() {
        RoutePlan plan = RoutePlan.of(List.of(route("a@partner.test", SINK), route("b@example.org", MX),
                unroutable("c@nomail.test"), route("d@other-partner.test", SINK), route("e@example.org", MX)));

        assertEquals(2, plan.groups().size());
        assertEquals(SINK, plan.groups().get(0).candidates());
        assertEquals(List.of(MailAddress.parse("a@partner.test"), MailAddress.parse("d@other-partner.test")), plan.groups().get(0).deliverTo());
        assertEquals(MX, plan.groups().get(1).candidates());
        assertEquals(List.of(MailAddress.parse("b@example.org"), MailAddress.parse("e@example.org")), plan.groups().get(1).deliverTo());
        assertEquals(List.of(unroutable("c@nomail.test")), plan.unroutable());
    }

    @Test
    void theSameHostsInAnotherOrderAreAnotherTransaction() {
        List<NextHop> reversed = List.of(MX.get(1), MX.get(0));
        assertEquals(2, RoutePlan.of(List.of(route("a@example.org", MX), route("b@example.net", reversed))).groups().size());
    }

    @Test
    void theSameHostsUnderAnotherTlsPolicyAreAnotherTransaction() {
        Route plain = route("a@example.org", MX);
        Route verified = new Route(MailAddress.parse("b@example.org"), MailAddress.parse("b@example.org"), MX, "route", TlsPolicy.VERIFY);

        RoutePlan plan = RoutePlan.of(List.of(plain, verified));

        assertEquals(2, plan.groups().size());
        assertNull(plan.groups().get(0).tls());
        assertEquals(TlsPolicy.VERIFY, plan.groups().get(1).tls());
    }

    @Test
    void aGroupGivesTheRewrittenAddressesToTheNextHop() {
        Route dave = new Route(MailAddress.parse("dave@managed.test"), MailAddress.parse("dave@mailhost.managed.test"), SINK, "mailHost");
        RouteGroup group = RoutePlan.of(List.of(dave)).groups().get(0);
        assertEquals(List.of(MailAddress.parse("dave@mailhost.managed.test")), group.deliverTo());
        assertEquals(List.of(dave), group.routes());
    }
}
