package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.directory.Person;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.smtp.MailAddress;

/** People in the private slapd: logins checked by an LDAP bind, addresses, local recipients. */
@ExtendWith(ArquillianExtension.class)
class PersonDirectoryIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("person-directory-it", PersonDirectoryIT.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/PersonDirectory")
    private PersonDirectory people;

    @Test
    void findsAPersonByLoginOrAddressWithAllTheirAddresses() {
        Person dave = people.find("dave").orElseThrow();
        assertEquals("uid=dave,ou=people,dc=passerelle,dc=test", dave.dn());
        assertEquals(List.of("dave@managed.test"), dave.addresses());
        assertEquals("dave", people.find("Dave@Managed.Test").orElseThrow().uid());
    }

    @Test
    void authenticatesWithThePersonsOwnPasswordOnly() {
        assertEquals("alice", people.authenticate("alice", "password").orElseThrow().uid());
        assertTrue(people.authenticate("alice", "wrong").isEmpty());
        assertTrue(people.authenticate("alice", "").isEmpty(), "an empty password would be an anonymous bind");
        assertTrue(people.authenticate("nobody", "password").isEmpty());
    }

    @Test
    void knowsTheRecipientsOfTheLocalDomains() {
        assertTrue(people.receivesAt(MailAddress.parse("dave@managed.test")));
        assertFalse(people.receivesAt(MailAddress.parse("nobody@managed.test")));
    }

    @Test
    void relayRightsAfterAuthComeFromTheRelayGroup() {
        assertTrue(people.memberOf("alice", "relay-users"));
        assertTrue(people.memberOf("bob@managed.test", "relay-users"), "by address as well as by login");
        assertFalse(people.memberOf("audrey", "relay-users"), "an auditor");
        assertFalse(people.memberOf("cmdb", "relay-users"), "a service account");
        assertFalse(people.memberOf("*", "relay-users"));
        assertFalse(people.memberOf("alice", "*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*)(uid=*", "alice)(|(uid=*", "alice\u0000", "\\2a", "*)(objectClass=*"})
    void filterCharactersInALoginMatchNobody(String login) {
        assertTrue(people.find(login).isEmpty(), login);
        assertTrue(people.authenticate(login, "password").isEmpty(), login);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*@managed.test", "dave*@managed.test", "dave)(mail=*@managed.test", "*)(objectClass=*@managed.test"})
    void filterCharactersInARecipientMatchNobody(String recipient) {
        assertFalse(people.receivesAt(MailAddress.parse(recipient)), recipient);
    }
}
