package org.passerelle.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.directory.AccessRule;
import org.passerelle.directory.DirectorySnapshot;
import org.passerelle.directory.DomainPattern;
import org.passerelle.directory.DomainRoute;
import org.passerelle.directory.ManagedDomain;
import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.Person;
import org.passerelle.directory.SenderApplication;
import org.passerelle.smtp.MailAddress;

class SessionPolicyTest {

    private static final Set<String> LOCAL_RECIPIENTS = Set.of("dave@managed.test", "alice@managed.test");

    /** A directory of plain data, as the sample directory holds it. */
    private static final PolicyDirectory DIRECTORY = new PolicyDirectory() {
        private final DirectorySnapshot snapshot = new DirectorySnapshot(
                List.of(application("billing", SenderApplication.Status.ACTIVE, "10.20.0.0/24",
                                List.of("billing@managed.test", "@billing.managed.test"), "gw-paris"),
                        application("lyon-reports", SenderApplication.Status.ACTIVE, "10.50.0.0/24", List.of("@reports.managed.test"), "gw-lyon"),
                        application("legacy-fax", SenderApplication.Status.SUSPENDED, "10.40.0.0/24", List.of("fax@managed.test"), "gw-paris"),
                        application("alerts", SenderApplication.Status.ACTIVE, "10.26.0.5/32", List.of("<>", "monitoring@managed.test"), "gw-paris")),
                List.of(new ManagedDomain("managed.test", ManagedDomain.Kind.LOCAL, null),
                        new ManagedDomain("corp.test", ManagedDomain.Kind.RELAY, "[mail.corp.test]:25", null,
                                List.of("it-desk@corp.test", "A.Martin@corp.test")),
                        new ManagedDomain("branch.test", ManagedDomain.Kind.RELAY, "[mail.branch.test]:25", null, List.of("@branch.test"))),
                List.of(new DomainRoute(new DomainPattern("[127.0.0.1]"), "[127.0.0.1]:2526")),
                List.of(rule("deny-quarantined-network", AccessRule.Action.DENY, 20, List.of("127.0.1.0/24"), List.of(), List.of()),
                        rule("allow-monitoring-probe", AccessRule.Action.ALLOW, 10, List.of("127.0.1.10/32"), List.of(), List.of()),
                        rule("deny-spam-helo", AccessRule.Action.DENY, 30, List.of(), List.of("*.spam.test"), List.of()),
                        rule("deny-blocked-senders", AccessRule.Action.DENY, 40, List.of(), List.of(), List.of("blocked.test", "*.blocked.test"))),
                List.of(), Instant.now());

        @Override
        public DirectorySnapshot snapshot() {
            return snapshot;
        }

        @Override
        public boolean receivesAt(MailAddress address) {
            return LOCAL_RECIPIENTS.contains(address.toString().toLowerCase());
        }

        @Override
        public Optional<Person> person(String login) {
            return switch (login) {
                case "alice" -> Optional.of(new Person("alice", "uid=alice,ou=people,dc=passerelle,dc=test", "Alice",
                        List.of("alice@managed.test", "a.martin@corp.test")));
                case "audrey" -> Optional.of(new Person("audrey", "uid=audrey,ou=people,dc=passerelle,dc=test", "Audrey",
                        List.of("audrey@managed.test")));
                default -> Optional.empty();
            };
        }

        @Override
        public boolean inRelayGroup(String login) {
            return login.equals("alice");
        }
    };

    /** An address of the gateway's own interfaces, as the host would list them. */
    private static final String OWN_ADDRESS = "203.0.113.25";

    private final SessionPolicy policy = new SessionPolicy("gw-paris", () -> {
        try {
            return Set.of(InetAddress.getByName(OWN_ADDRESS));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    });

    private static SenderApplication application(String name, SenderApplication.Status status, String network,
                                                 List<String> senders, String gateway) {
        return new SenderApplication(name, status, List.of(NetworkRange.parse(network)), senders, List.of(gateway),
                "it", null, null, List.of(), List.of(), null, null);
    }

    private static AccessRule rule(String name, AccessRule.Action action, int priority, List<String> networks,
                                   List<String> helos, List<String> senderDomains) {
        return new AccessRule(name, action, priority, networks.stream().map(NetworkRange::parse).toList(),
                helos.stream().map(DomainPattern::new).toList(), senderDomains.stream().map(DomainPattern::new).toList());
    }

    private static SessionClient client(String address) throws Exception {
        return new SessionClient(InetAddress.getByName(address), SessionClient.RELAY_LISTENER, "client.example.test", null);
    }

    private static SessionClient user(String address, String login) throws Exception {
        return new SessionClient(InetAddress.getByName(address), "submission", "laptop", login);
    }

    private static MailAddress mailbox(String text) {
        return MailAddress.parse(text);
    }

    private static void assertRefused(PolicyDecision decision, int code, String status, String textPart) {
        assertFalse(decision.accepted(), decision.toString());
        assertEquals(code, decision.verdict().code(), decision.toString());
        assertEquals(status, decision.verdict().status(), decision.toString());
        assertTrue(decision.verdict().text().contains(textPart), decision.verdict().text());
    }

    @Nested
    class AccessLists {

        @Test
        void deniesAClientOfAQuarantinedNetworkAtConnect() throws Exception {
            PolicyDecision decision = policy.connect(client("127.0.1.5"), DIRECTORY);
            assertRefused(decision, 554, "5.7.1", "Client host [127.0.1.5] rejected");
            assertEquals("access rule deny-quarantined-network (deny)", decision.rule());
        }

        @Test
        void anAllowRuleIsAnExceptionToTheDenyRulesAfterIt() throws Exception {
            PolicyDecision decision = policy.connect(client("127.0.1.10"), DIRECTORY);
            assertTrue(decision.accepted());
            assertEquals("access rule allow-monitoring-probe (allow)", decision.rule());
        }

        @Test
        void anAllowRuleGivesNoRightToRelay() throws Exception {
            assertRefused(policy.rcpt(client("127.0.1.10"), mailbox("user@external.test"), DIRECTORY), 554, "5.7.1", "Relay access denied");
        }

        @Test
        void deniesAHeloNameOfADeniedDomainsSubdomains() throws Exception {
            SessionClient spammer = new SessionClient(InetAddress.getByName("198.51.100.7"), "relay", "mx1.Spam.Test", null);
            assertRefused(policy.helo(spammer, DIRECTORY), 554, "5.7.1", "Helo command rejected");
            SessionClient parent = new SessionClient(InetAddress.getByName("198.51.100.7"), "relay", "spam.test", null);
            assertTrue(policy.helo(parent, DIRECTORY).accepted(), "*.spam.test does not name spam.test itself");
        }

        @Test
        void deniesSendersOfABlockedDomainAndItsSubdomains() throws Exception {
            assertRefused(policy.mail(client("198.51.100.7"), mailbox("x@blocked.test"), DIRECTORY), 554, "5.7.1", "Sender address rejected");
            assertRefused(policy.mail(client("198.51.100.7"), mailbox("x@eu.blocked.test"), DIRECTORY), 554, "5.7.1", "Sender address rejected");
            assertTrue(policy.mail(client("198.51.100.7"), null, DIRECTORY).accepted(), "the null sender has no domain to deny");
        }

        @Test
        void aQuarantinedClientIsStillRefusedAtMail() throws Exception {
            assertEquals("access rule deny-quarantined-network (deny)",
                    policy.mail(client("127.0.1.5"), mailbox("x@external.test"), DIRECTORY).rule());
        }
    }

    @Nested
    class Senders {

        @Test
        void anApplicationSendsAsAnAllowedAddressOrDomain() throws Exception {
            assertTrue(policy.mail(client("10.20.0.9"), mailbox("billing@managed.test"), DIRECTORY).accepted());
            assertTrue(policy.mail(client("10.20.0.9"), mailbox("invoices@BILLING.managed.test"), DIRECTORY).accepted());
        }

        @Test
        void anApplicationMayNotUseAnotherSender() throws Exception {
            assertRefused(policy.mail(client("10.20.0.9"), mailbox("ceo@managed.test"), DIRECTORY), 550, "5.7.1",
                    "not an allowed sender of application billing");
            assertRefused(policy.mail(client("10.20.0.9"), mailbox("x@sub.billing.managed.test"), DIRECTORY), 550, "5.7.1", "billing");
            assertRefused(policy.mail(client("10.20.0.9"), null, DIRECTORY), 550, "5.7.1", "billing");
        }

        @Test
        void anApplicationMayUseTheNullSenderOnlyWhenAllowed() throws Exception {
            assertTrue(policy.mail(client("10.26.0.5"), null, DIRECTORY).accepted());
        }

        @Test
        void aSuspendedApplicationIsRefusedByName() throws Exception {
            assertRefused(policy.mail(client("10.40.0.3"), mailbox("fax@managed.test"), DIRECTORY), 550, "5.7.1",
                    "Application legacy-fax is suspended");
        }

        @Test
        void anApplicationOfAnotherGatewaySiteIsRefused() throws Exception {
            assertRefused(policy.mail(client("10.50.0.3"), mailbox("r@reports.managed.test"), DIRECTORY), 550, "5.7.1",
                    "Application lyon-reports is not assigned to gateway gw-paris");
        }

        @Test
        void anUnregisteredClientMayNotForgeAManagedDomainSender() throws Exception {
            assertRefused(policy.mail(client("198.51.100.7"), mailbox("ceo@Managed.Test"), DIRECTORY), 550, "5.7.1",
                    "must authenticate or use a registered application");
            assertTrue(policy.mail(client("198.51.100.7"), mailbox("partner@external.test"), DIRECTORY).accepted());
        }

        @Test
        void anAuthenticatedPersonSendsOnlyAsTheirOwnAddresses() throws Exception {
            assertTrue(policy.mail(user("198.51.100.7", "alice"), mailbox("A.Martin@corp.test"), DIRECTORY).accepted());
            assertRefused(policy.mail(user("198.51.100.7", "alice"), mailbox("bob@managed.test"), DIRECTORY), 550, "5.7.1",
                    "not owned by user alice");
        }

        @Test
        void anUnregisteredClientMayNotForgeASenderOfAManagedDomainsSubdomain() throws Exception {
            PolicyDecision decision = policy.mail(client("198.51.100.7"), mailbox("invoices@Billing.Managed.test"), DIRECTORY);
            assertRefused(decision, 550, "5.7.1", "must authenticate or use a registered application");
            assertEquals("unregistered client with sender billing.managed.test in managed domain managed.test", decision.rule());
            assertTrue(policy.mail(client("198.51.100.7"), mailbox("x@notmanaged.test"), DIRECTORY).accepted(),
                    "a domain that only ends like a managed one is not its subdomain");
        }

        @Test
        void anAuthenticatedPersonMayNotUseTheNullSender() throws Exception {
            assertRefused(policy.mail(user("198.51.100.7", "alice"), null, DIRECTORY), 550, "5.7.1", "null sender");
        }

        @Test
        void applicationsAreRecognisedOnTheRelayListenerOnly() throws Exception {
            SessionClient onSubmission = new SessionClient(InetAddress.getByName("10.20.0.9"), "submission", "app", null);
            assertRefused(policy.mail(onSubmission, mailbox("billing@managed.test"), DIRECTORY), 550, "5.7.1",
                    "must authenticate or use a registered application");
        }
    }

    @Nested
    class Recipients {

        @ParameterizedTest
        @ValueSource(strings = {"user@external.test", "USER@EXTERNAL.TEST", "user%external.test@managed.test",
                "\"user@external.test\"@managed.test", "external.test!user@managed.test", "user@[192.0.2.1]",
                "user@sub.managed.test", "\"user%external.test\"@managed.test"})
        void anUnregisteredClientCannotRelay(String recipient) throws Exception {
            PolicyDecision decision = policy.rcpt(client("198.51.100.7"), mailbox(recipient), DIRECTORY);
            assertRefused(decision, 554, "5.7.1", "Relay access denied");
        }

        @Test
        void applicationsAndAuthenticatedPeopleOfTheRelayGroupRelayAnywhere() throws Exception {
            assertEquals("application billing", policy.rcpt(client("10.20.0.9"), mailbox("user@external.test"), DIRECTORY).rule());
            assertEquals("authenticated user alice in the relay group",
                    policy.rcpt(user("198.51.100.7", "alice"), mailbox("user@external.test"), DIRECTORY).rule());
        }

        @Test
        void anAuthenticatedPersonOutsideTheRelayGroupSendsToManagedDomainsOnly() throws Exception {
            PolicyDecision decision = policy.rcpt(user("198.51.100.7", "audrey"), mailbox("user@external.test"), DIRECTORY);
            assertRefused(decision, 554, "5.7.1", "Relay access denied");
            assertTrue(decision.rule().contains("audrey is not in the relay group"), decision.rule());
            assertTrue(policy.rcpt(user("198.51.100.7", "audrey"), mailbox("dave@managed.test"), DIRECTORY).accepted());
        }

        @Test
        void aRelayDomainsRecipientMustBeOnItsList() throws Exception {
            assertRefused(policy.rcpt(client("198.51.100.7"), mailbox("anyone@corp.test"), DIRECTORY), 550, "5.1.1",
                    "User unknown in relay recipient table");
            assertRefused(policy.rcpt(client("10.20.0.9"), mailbox("anyone@corp.test"), DIRECTORY), 550, "5.1.1",
                    "User unknown in relay recipient table");
            assertTrue(policy.rcpt(client("198.51.100.7"), mailbox("IT-Desk@corp.test"), DIRECTORY).accepted());
            assertTrue(policy.rcpt(client("198.51.100.7"), mailbox("a.martin@CORP.test"), DIRECTORY).accepted());
            assertTrue(policy.rcpt(client("198.51.100.7"), mailbox("anyone@branch.test"), DIRECTORY).accepted(),
                    "@branch.test lists every address of the domain");
        }

        @ParameterizedTest
        @ValueSource(strings = {"user@[127.0.0.2]", "user@[IPv6:::1]", "user@[169.254.169.254]", "user@[IPv6:fe80::1]",
                "user@[0.0.0.0]", "user@[IPv6:::]", "user@[" + OWN_ADDRESS + "]", "user@[IPv6:::ffff:127.0.0.1]"})
        void anAddressLiteralNamingTheGatewayOrItsLinksIsRefusedEvenToAnApplication(String recipient) throws Exception {
            PolicyDecision decision = policy.rcpt(client("10.20.0.9"), mailbox(recipient), DIRECTORY);
            assertRefused(decision, 550, "5.1.2", "address literal names a local address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"user@[localhost]", "user@[127.1]", "user@[999.0.0.1]", "user@[mail.example.test]"})
        void anAddressLiteralThatIsNoIpAddressIsRefused(String recipient) throws Exception {
            assertRefused(policy.rcpt(client("10.20.0.9"), mailbox(recipient), DIRECTORY), 553, "5.1.2", "not an IP address");
        }

        @Test
        void anAddressLiteralNamedByARouteOrOfAnotherHostMayBeUsed() throws Exception {
            assertTrue(policy.rcpt(client("10.20.0.9"), mailbox("sink@[127.0.0.1]"), DIRECTORY).accepted());
            assertTrue(policy.rcpt(client("10.20.0.9"), mailbox("user@[192.0.2.1]"), DIRECTORY).accepted());
            assertTrue(policy.rcpt(client("10.20.0.9"), mailbox("user@[IPv6:2001:db8::1]"), DIRECTORY).accepted());
        }

        @Test
        void anApplicationOfAnotherGatewaySiteCannotRelay() throws Exception {
            assertRefused(policy.rcpt(client("10.50.0.3"), mailbox("user@external.test"), DIRECTORY), 554, "5.7.1", "Relay access denied");
        }

        @Test
        void anUnknownRecipientOfALocalDomainIsRefused() throws Exception {
            assertRefused(policy.rcpt(client("198.51.100.7"), mailbox("nobody@managed.test"), DIRECTORY), 550, "5.1.1", "User unknown");
            assertRefused(policy.rcpt(client("10.20.0.9"), mailbox("nobody@managed.test"), DIRECTORY), 550, "5.1.1", "User unknown");
        }

        @Test
        void knownRecipientsPostmasterAndRelayDomainsAreAccepted() throws Exception {
            assertTrue(policy.rcpt(client("198.51.100.7"), mailbox("Dave@managed.test"), DIRECTORY).accepted());
            assertTrue(policy.rcpt(client("198.51.100.7"), mailbox("PostMaster@managed.test"), DIRECTORY).accepted());
            assertEquals("managed domain corp.test", policy.rcpt(client("198.51.100.7"), mailbox("it-desk@corp.test"), DIRECTORY).rule());
            assertTrue(policy.rcpt(client("198.51.100.7"), mailbox("postmaster@corp.test"), DIRECTORY).accepted());
        }
    }

    @Nested
    class Greylisting {

        @Test
        void anUnregisteredUnauthenticatedClientOfTheRelayListenerIsGreylistable() throws Exception {
            assertTrue(policy.greylistable(client("198.51.100.7"), DIRECTORY));
        }

        @Test
        void applicationsAuthenticatedPeopleAndTheSubmissionListenersAreNeverGreylisted() throws Exception {
            assertFalse(policy.greylistable(client("10.20.0.9"), DIRECTORY));
            assertFalse(policy.greylistable(user("198.51.100.7", "alice"), DIRECTORY));
            assertFalse(policy.greylistable(new SessionClient(InetAddress.getByName("198.51.100.7"), "relay", "laptop", "alice"), DIRECTORY));
            assertFalse(policy.greylistable(new SessionClient(InetAddress.getByName("198.51.100.7"), "submission", "laptop", null), DIRECTORY));
        }

        @Test
        void aSuspendedApplicationsNetworkIsNoApplicationAndIsGreylistable() throws Exception {
            assertTrue(policy.greylistable(client("10.40.0.3"), DIRECTORY));
        }
    }
    @Nested
    class EchoAddress {

        private final SessionPolicy withEcho = new SessionPolicy("gw-paris", Set::of, org.passerelle.echo.EchoAddress.of("echo@"));

        @Test
        void applicationsAndAuthenticatedPeopleMaySendToTheEchoAddressThoughNoOneReceivesThere() throws Exception {
            PolicyDecision application = withEcho.rcpt(client("10.20.0.9"), mailbox("echo@managed.test"), DIRECTORY);
            assertTrue(application.accepted(), application.toString());
            assertEquals("echo address, application billing", application.rule());
            PolicyDecision person = withEcho.rcpt(user("198.51.100.7", "audrey"), mailbox("Echo@managed.test"), DIRECTORY);
            assertTrue(person.accepted(), person.toString());
            assertEquals("echo address, authenticated user audrey", person.rule());
        }

        @Test
        void anUnregisteredClientIsRefusedAtOnceRatherThanNeverAnswered() throws Exception {
            PolicyDecision decision = withEcho.rcpt(client("198.51.100.7"), mailbox("echo@managed.test"), DIRECTORY);
            assertRefused(decision, 550, "5.7.1", "the echo address answers registered applications and authenticated users only");
            assertEquals("echo address, unregistered client", decision.rule());
        }

        @Test
        void withoutAnEchoAddressItIsAnUnknownRecipientLikeAnyOther() throws Exception {
            assertRefused(policy.rcpt(client("10.20.0.9"), mailbox("echo@managed.test"), DIRECTORY), 550, "5.1.1", "User unknown");
        }
    }

    @Nested
    class Inside {

        private SessionClient inside(String application) throws Exception {
            return new SessionClient(InetAddress.getLoopbackAddress(), SessionClient.INSIDE_LISTENER, application, null);
        }

        @Test
        void aDeploymentSendsAsTheApplicationItsConnectionDefinitionNames() throws Exception {
            PolicyDecision decision = policy.mail(inside("billing"), mailbox("invoices@billing.managed.test"), DIRECTORY);
            assertTrue(decision.accepted(), decision.toString());
            assertEquals("application billing allowed sender @billing.managed.test", decision.rule());
            assertEquals("application billing", policy.rcpt(inside("billing"), mailbox("user@external.test"), DIRECTORY).rule());
        }

        @Test
        void aSenderTheApplicationMayNotUseIsRefused() throws Exception {
            assertRefused(policy.mail(inside("billing"), mailbox("payroll@managed.test"), DIRECTORY), 550, "5.7.1",
                    "not an allowed sender of application billing");
        }

        @Test
        void aSuspendedOrUnknownApplicationIsRefused() throws Exception {
            assertRefused(policy.mail(inside("legacy-fax"), mailbox("fax@managed.test"), DIRECTORY), 550, "5.7.1",
                    "Application legacy-fax is not an active application");
            assertRefused(policy.mail(inside("nobody"), mailbox("x@external.test"), DIRECTORY), 550, "5.7.1",
                    "Application nobody is not an active application");
        }

        @Test
        void theApplicationsNameCountsOnTheInsideListenerOnly() throws Exception {
            SessionClient relay = new SessionClient(InetAddress.getByName("198.51.100.7"), SessionClient.RELAY_LISTENER, "billing", null);
            assertRefused(policy.mail(relay, mailbox("billing@managed.test"), DIRECTORY), 550, "5.7.1",
                    "a managed domain's sender must authenticate");
        }

        @Test
        void anApplicationOfAnotherSiteIsRefused() throws Exception {
            assertRefused(policy.mail(inside("lyon-reports"), mailbox("x@reports.managed.test"), DIRECTORY), 550, "5.7.1",
                    "is not assigned to gateway gw-paris");
        }
    }
}
