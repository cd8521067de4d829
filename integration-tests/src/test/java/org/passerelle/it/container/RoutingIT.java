package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.directory.DomainRoute;
import org.passerelle.directory.RecipientRouting;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.routing.Route;
import org.passerelle.routing.RouteGroup;
import org.passerelle.routing.RoutePlan;
import org.passerelle.routing.Router;
import org.passerelle.routing.RoutingDirectory;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;

/**
 * Routing as the server does it from the private slapd's sample data: dave by his LDAP routing,
 * partner.test by the routing table, corp.test by its managed domain's next hop, the rest by the
 * smart host this test server has ({@code [127.0.0.1]:9}).
 */
@ExtendWith(ArquillianExtension.class)
class RoutingIT {

    private static final String DAVE = "uid=dave,ou=people,dc=passerelle,dc=test";

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("routing-it", RoutingIT.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/Router")
    private Router router;

    @EJB(lookup = "java:global/passerelle/ejb/RoutingDirectory")
    private RoutingDirectory routing;

    @EJB(lookup = "java:global/passerelle/ejb/RelayDirectory")
    private RelayDirectory directory;

    private Route route(String recipient) {
        RoutePlan plan = router.plan(List.of(MailAddress.parse(recipient)));
        assertEquals(List.of(), plan.unroutable(), recipient);
        return plan.groups().get(0).routes().get(0);
    }

    @Test
    void davesMailGoesToHisMailHostAtHisRoutingAddress() {
        Route dave = route("dave@managed.test");
        assertEquals(MailAddress.parse("dave@mailhost.managed.test"), dave.deliverTo());
        assertEquals(List.of(new NextHop("mailhost.managed.test", 25)), dave.candidates());
        assertEquals("mailHost of " + DAVE, dave.rule());
    }

    @Test
    void thePartnerDomainGoesByTheRoutingTable() {
        Route partner = route("someone@partner.test");
        assertEquals(MailAddress.parse("someone@partner.test"), partner.deliverTo());
        assertEquals(List.of(new NextHop("127.0.0.1", 2526)), partner.candidates());
        assertEquals("route partner.test", partner.rule());
    }

    @Test
    void theCorporateDomainGoesToItsManagedDomainsNextHop() {
        Route corp = route("anyone@CORP.test");
        assertEquals(List.of(new NextHop("mail.corp.test", 25)), corp.candidates());
        assertEquals("next hop of managed domain corp.test", corp.rule());
    }

    @Test
    void everythingElseGoesToTheSmartHost() {
        assertEquals("smart host", route("alice@managed.test").rule());
        assertEquals(List.of(new NextHop("127.0.0.1", 9)), route("someone@external.test").candidates());
    }

    @Test
    void recipientsOfOneMessageAreGroupedByNextHop() {
        RoutePlan plan = router.plan(List.of("someone@external.test", "dave@managed.test", "alice@managed.test", "b@partner.test")
                .stream().map(MailAddress::parse).toList());
        assertEquals(List.of(List.of(new NextHop("127.0.0.1", 9)), List.of(new NextHop("mailhost.managed.test", 25)),
                List.of(new NextHop("127.0.0.1", 2526))), plan.groups().stream().map(RouteGroup::candidates).toList());
        assertEquals(List.of(MailAddress.parse("someone@external.test"), MailAddress.parse("alice@managed.test")),
                plan.groups().get(0).deliverTo());
    }

    @Test
    void theRoutesAreReadWithTheRestOfTheRelayData() {
        assertEquals(List.of("partner.test"), directory.current().routes().stream().map(DomainRoute::domain).map(Object::toString).toList());
    }

    @Test
    void readsAPersonsRoutingAttributes() {
        assertEquals(new RecipientRouting(DAVE, "dave@mailhost.managed.test", "mailhost.managed.test"),
                routing.routingOf(MailAddress.parse("Dave@managed.test")).orElseThrow());
        RecipientRouting alice = routing.routingOf(MailAddress.parse("alice@managed.test")).orElseThrow();
        assertNull(alice.mailHost());
        assertFalse(alice.routes());
    }

    @Test
    void onlyRecipientsOfManagedDomainsAreLookedUp() {
        assertTrue(routing.routingOf(MailAddress.parse("dave@external.test")).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*@managed.test", "dave*@managed.test", "dave)(mail=*@managed.test", "*)(objectClass=*@managed.test"})
    void filterCharactersInARecipientMatchNobody(String recipient) {
        assertTrue(routing.routingOf(MailAddress.parse(recipient)).isEmpty(), recipient);
    }

    @Test
    void aMessageOverTheHopLimitIsALoop() throws Exception {
        String hops = "Received: from a.example.test by b.example.test; Mon, 23 Nov 2026 12:00:00 +0100\r\n";
        assertTrue(router.hopCounter().check(stream(hops.repeat(100) + "\r\nbody\r\n")).isEmpty());
        assertEquals("554 5.4.6", router.hopCounter().check(stream(hops.repeat(101) + "\r\nbody\r\n")).orElseThrow()
                .reply().toString().substring(0, 9));
    }

    private static ByteArrayInputStream stream(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    }
}
