package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.DomainPattern;
import org.passerelle.directory.DomainRoute;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.RecipientRouting;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;

class RouteResolverTest {

    /** People as the sample directory holds them, by address. */
    private final Map<String, RecipientRouting> people = new HashMap<>(Map.of(
            "dave@managed.test", new RecipientRouting("uid=dave", "dave@mailhost.managed.test", "mailhost.managed.test"),
            "erin@managed.test", new RecipientRouting("uid=erin", null, "store.managed.test"),
            "frank@managed.test", new RecipientRouting("uid=frank", "frank@partner.test", null),
            "gina@managed.test", new RecipientRouting("uid=gina", null, null),
            "henri@managed.test", new RecipientRouting("uid=henri", "not an address", null),
            "ines@managed.test", new RecipientRouting("uid=ines", null, " ")));
    private boolean directoryDown;
    private final RecipientDirectory directory = recipient -> {
        if (directoryDown) {
            throw new DirectoryUnavailableException("connection refused", "the directory cannot be reached", null);
        }
        return Optional.ofNullable(people.get(recipient.toString()));
    };

    private final TransportTable table = new TransportTable(
            List.of(new DomainRoute(new DomainPattern("partner.test"), "[127.0.0.1]:2526"),
                    new DomainRoute(new DomainPattern("*.partner.test"), "relay.partner.test:2525"),
                    new DomainRoute(new DomainPattern("broken.test"), "[relay.broken.test]:smtp"),
                    new DomainRoute(new DomainPattern("managed.test"), "[mailbox.managed.test]:25"),
                    new DomainRoute(new DomainPattern("bank.test"), "bank.test:25", "verify"),
                    new DomainRoute(new DomainPattern("*.bank.test"), "[in.bank.test]:25", "fingerprint match=" + "AB".repeat(32)),
                    new DomainRoute(new DomainPattern("typo.test"), "[in.typo.test]:25", "secure")),
            List.of(new ManagedDomain("corp.test", ManagedDomain.Kind.RELAY, "[mail.corp.test]:25", "encrypt", List.of())));

    private final FakeNameService dns = new FakeNameService()
            .mx("example.org", new MxRecord(10, "mx1.example.org"), new MxRecord(10, "mx2.example.org"), new MxRecord(20, "mx3.example.org"))
            .mx("relay.partner.test", new MxRecord(10, "in.partner.test"))
            .mx("smart.example.net", new MxRecord(10, "out1.example.net"))
            .mx("nomail.test", new MxRecord(0, "."))
            .mx("bank.test", new MxRecord(10, "mx.bank.test"))
            .address("plain.example.org", "192.0.2.9")
            .mxFails("flaky.example.org", "SERVFAIL");

    private RouteResolver resolver(String smartHost) {
        return new RouteResolver(directory, table, Optional.ofNullable(smartHost).map(ConfiguredHop::parse), new MxLookup(dns, new Random(7)));
    }

    private Route route(String recipient) {
        return assertInstanceOf(Route.class, resolver(null).resolve(MailAddress.parse(recipient)));
    }

    private RouteFailure failure(RouteResolver resolver, String recipient) {
        return assertInstanceOf(Unroutable.class, resolver.resolve(MailAddress.parse(recipient))).failure();
    }

    @Test
    void theRouteOrDomainThatGivesTheNextHopGivesItsTlsPolicy() {
        assertEquals(TlsPolicy.VERIFY, route("someone@bank.test").tls());
        assertEquals(List.of(new NextHop("mx.bank.test", 25)), route("someone@bank.test").candidates());
        assertEquals(TlsPolicy.fingerprint("AB".repeat(32)), route("someone@branch.bank.test").tls());
        assertEquals(TlsPolicy.ENCRYPT, route("someone@corp.test").tls());
    }

    @Test
    void otherRulesLeaveTheSmtpClientsDefaultPolicy() {
        assertNull(route("someone@partner.test").tls());
        assertNull(route("someone@example.org").tls());
        assertNull(assertInstanceOf(Route.class, resolver("[smart.example.net]:2525").resolve(MailAddress.parse("someone@example.org"))).tls());
    }

    @Test
    void aTlsPolicyWrittenWrongHoldsTheMailBackInsteadOfDeliveringWithLess() {
        RouteFailure failure = failure(resolver(null), "someone@typo.test");
        assertFalse(failure.permanent());
        assertTrue(failure.text().contains("unknown TLS policy level 'secure'"), failure::text);
    }

    @Test
    void ldapRoutingRewritesTheAddressAndNamesTheHost() {
        Route dave = route("dave@managed.test");
        assertEquals(MailAddress.parse("dave@managed.test"), dave.recipient());
        assertEquals(MailAddress.parse("dave@mailhost.managed.test"), dave.deliverTo());
        assertEquals(List.of(new NextHop("mailhost.managed.test", 25)), dave.candidates());
        assertEquals("mailHost of uid=dave", dave.rule());
        assertEquals(List.of(), dns.questions, "a mailHost is used as it is");
    }

    @Test
    void aMailHostAloneKeepsTheAddress() {
        Route erin = route("erin@managed.test");
        assertEquals(MailAddress.parse("erin@managed.test"), erin.deliverTo());
        assertEquals(List.of(new NextHop("store.managed.test", 25)), erin.candidates());
    }

    @Test
    void aRoutingAddressAloneIsRoutedByTheRulesAfterLdap() {
        Route frank = route("frank@managed.test");
        assertEquals(MailAddress.parse("frank@partner.test"), frank.deliverTo());
        assertEquals(List.of(new NextHop("127.0.0.1", 2526)), frank.candidates());
        assertEquals("mailRoutingAddress of uid=frank, then route partner.test", frank.rule());
    }

    @Test
    void aPersonWithoutRoutingAttributesIsRoutedByTheDomain() {
        Route gina = route("gina@managed.test");
        assertEquals(MailAddress.parse("gina@managed.test"), gina.deliverTo());
        assertEquals(List.of(new NextHop("mailbox.managed.test", 25)), gina.candidates());
        assertEquals("route managed.test", gina.rule());
    }

    @Test
    void ldapRoutingComesBeforeTheRoutingTable() {
        assertEquals("route managed.test", route("nobody@managed.test").rule());
        assertEquals("mailHost of uid=dave", route("dave@managed.test").rule());
    }

    @Test
    void theRoutingTableComesBeforeTheSmartHost() {
        Resolution corp = resolver("[smart.example.net]:25").resolve(MailAddress.parse("anyone@corp.test"));
        assertEquals(List.of(new NextHop("mail.corp.test", 25)), assertInstanceOf(Route.class, corp).candidates());
        assertEquals("next hop of managed domain corp.test", corp.rule());
    }

    @Test
    void theSmartHostComesBeforeMxRecords() {
        Resolution outside = resolver("[smart.example.net]:2525").resolve(MailAddress.parse("someone@example.org"));
        assertEquals(List.of(new NextHop("smart.example.net", 2525)), assertInstanceOf(Route.class, outside).candidates());
        assertEquals("smart host", outside.rule());
        assertEquals(List.of(), dns.questions);
    }

    @Test
    void aSmartHostWithoutBracketsIsLookedUpInMxRecords() {
        Route outside = assertInstanceOf(Route.class, resolver("smart.example.net").resolve(MailAddress.parse("someone@example.org")));
        assertEquals(List.of(new NextHop("out1.example.net", 25)), outside.candidates());
    }

    @Test
    void withNothingElseMxRecordsDecide() {
        Route outside = route("someone@example.org");
        assertEquals(3, outside.candidates().size());
        assertEquals(new NextHop("mx3.example.org", 25), outside.candidates().get(2));
        assertEquals("MX of example.org", outside.rule());
    }

    @Test
    void aDomainWithoutMxGoesToItsAddress() {
        assertEquals(List.of(new NextHop("plain.example.org", 25)), route("someone@plain.example.org").candidates());
    }

    @Test
    void aRouteWithoutBracketsIsLookedUpInMxRecordsAtItsPort() {
        Route sub = route("someone@sales.partner.test");
        assertEquals(List.of(new NextHop("in.partner.test", 2525)), sub.candidates());
        assertEquals("route *.partner.test", sub.rule());
    }

    @Test
    void anAddressLiteralIsItsOwnNextHop() {
        assertEquals(List.of(new NextHop("192.0.2.1", 25)), route("someone@[192.0.2.1]").candidates());
        assertEquals(List.of(new NextHop("2001:db8::1", 25)), route("someone@[IPv6:2001:db8::1]").candidates());
        assertEquals(List.of(), dns.questions);
    }

    @Test
    void aNullMxBouncesAtOnce() {
        RouteFailure failure = failure(resolver(null), "someone@nomail.test");
        assertEquals(556, failure.code());
        assertEquals("556 5.1.10 Recipient address has null MX: nomail.test accepts no mail", failure.reply().toString());
    }

    @Test
    void aDnsFailureDefersAndAMissingDomainBounces() {
        assertFalse(failure(resolver(null), "someone@flaky.example.org").permanent());
        assertTrue(failure(resolver(null), "someone@nowhere.example.org").permanent());
    }

    @Test
    void aRouteWrittenWrongHoldsItsMailBack() {
        RouteFailure failure = failure(resolver("[smart.example.net]:25"), "someone@broken.test");
        assertEquals("451 4.3.5 Routing misconfigured: route broken.test: bad port in next hop [relay.broken.test]:smtp",
                failure.reply().toString());
    }

    @Test
    void ldapRoutingWrittenWrongHoldsItsMailBack() {
        RouteFailure henri = failure(resolver(null), "henri@managed.test");
        assertFalse(henri.permanent());
        assertEquals("451 4.3.5 Routing misconfigured: LDAP routing of uid=henri: not a mailbox: not an address", henri.reply().toString());
        assertEquals("4.3.5", failure(resolver(null), "ines@managed.test").status());
    }

    @Test
    void anUnreadableDirectoryDefers() {
        directoryDown = true;
        RouteFailure failure = failure(resolver(null), "dave@managed.test");
        assertEquals("451 4.4.3 Directory unavailable, routing deferred: connection refused", failure.reply().toString());
    }

    @Test
    void oneResolverAsksTheDnsOncePerDomainSoThatItsRecipientsShareTheirHosts() {
        RouteResolver resolver = resolver(null);
        List<Resolution> routes = List.of("a@example.org", "b@example.org", "c@example.org").stream()
                .map(MailAddress::parse).map(resolver::resolve).toList();
        assertEquals(List.of("MX example.org"), dns.questions);
        assertEquals(1, routes.stream().map(route -> ((Route) route).candidates()).distinct().count());
    }
}
