package org.passerelle.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.Person;
import org.passerelle.directory.SenderApplication;
import org.passerelle.echo.EchoAddress;
import org.passerelle.smtp.MailAddress;

class ApplicationExpiryPolicyTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static PolicyDirectory directory(LocalDate expires) {
        SenderApplication billing = new SenderApplication("billing", SenderApplication.Status.ACTIVE,
                List.of(NetworkRange.parse("10.20.0.0/24")), List.of("billing@managed.test"), List.of("gw-paris"), "finance", null, null,
                List.of(), List.of(), null, expires);
        DirectorySnapshot snapshot = new DirectorySnapshot(List.of(billing),
                List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null)), List.of(), List.of(), List.of(), Instant.now());
        return new PolicyDirectory() {
            @Override
            public DirectorySnapshot snapshot() {
                return snapshot;
            }

            @Override
            public boolean receivesAt(MailAddress address) {
                return false;
            }

            @Override
            public Optional<Person> person(String login) {
                return Optional.empty();
            }

            @Override
            public boolean inRelayGroup(String login) {
                return false;
            }
        };
    }

    private static SessionPolicy on(String localTime) {
        Clock clock = Clock.fixed(java.time.LocalDateTime.parse(localTime).atZone(PARIS).toInstant(), PARIS);
        return new SessionPolicy("gw-paris", Set::of, EchoAddress.NONE, clock);
    }

    private static SessionClient billingServer() throws Exception {
        return new SessionClient(InetAddress.getByName("10.20.0.7"), SessionClient.RELAY_LISTENER, "billing.example.test", null);
    }

    @Test
    void refusesAnApplicationsMailFromItsExpiryDayNamingTheDate() throws Exception {
        PolicyDecision decision = on("2027-03-31T00:00:05").mail(billingServer(), MailAddress.parse("billing@managed.test"),
                directory(LocalDate.parse("2027-03-31")));

        assertFalse(decision.accepted());
        assertEquals(550, decision.verdict().code());
        assertEquals("5.7.1", decision.verdict().status());
        assertTrue(decision.verdict().text().contains("Application billing expired on 2027-03-31"), decision.verdict().text());
        assertEquals("application billing expired on 2027-03-31", decision.rule());
    }

    @Test
    void theDayBeforeItsExpiryTheApplicationStillSendsAndRelays() throws Exception {
        SessionPolicy lastEvening = on("2027-03-30T23:59:50");
        PolicyDirectory directory = directory(LocalDate.parse("2027-03-31"));

        assertTrue(lastEvening.mail(billingServer(), MailAddress.parse("billing@managed.test"), directory).accepted());
        assertTrue(lastEvening.rcpt(billingServer(), MailAddress.parse("someone@example.org"), directory).accepted());
    }

    @Test
    void anExpiredApplicationHasNoRelayRightEither() throws Exception {
        PolicyDecision decision = on("2027-04-02T10:00:00").rcpt(billingServer(), MailAddress.parse("someone@example.org"),
                directory(LocalDate.parse("2027-03-31")));

        assertFalse(decision.accepted());
        assertEquals(554, decision.verdict().code());
    }

    @Test
    void aNewExpiryDateLiftsTheRefusal() throws Exception {
        assertTrue(on("2027-04-02T10:00:00").mail(billingServer(), MailAddress.parse("billing@managed.test"),
                directory(LocalDate.parse("2027-09-30"))).accepted());
        assertTrue(on("2027-04-02T10:00:00").mail(billingServer(), MailAddress.parse("billing@managed.test"), directory(null)).accepted());
    }
}
