package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SecurityList.Kind;
import org.passerelle.directory.SecurityList.Role;

/** The managers and owners of entities and applications, read and written in the private slapd. */
@ExtendWith(ArquillianExtension.class)
class SecurityListIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("security-list-it", SecurityListIT.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/SecurityList")
    private SecurityList securityList;

    @Test
    void readsTheManagersAndOwnersOfAnApplication() {
        assertEquals(List.of("alice"), securityList.holders(Kind.APPLICATION, "billing", Role.MANAGER));
        assertEquals(List.of("bob"), securityList.holders(Kind.APPLICATION, "billing", Role.OWNER));
    }

    @Test
    void managersRequestChangesAndOnlyOwnersChangeManagers() {
        assertTrue(securityList.mayRequestChanges("alice", "billing"));
        assertFalse(securityList.mayChangeManagers("alice", "billing"));
        assertTrue(securityList.mayRequestChanges("bob", "billing"), "owners may do what managers may");
        assertTrue(securityList.mayChangeManagers("bob", "billing"));
        assertFalse(securityList.mayRequestChanges("dave", "billing"));
    }

    @Test
    void theEntitysSecurityListCountsForItsApplications() {
        assertEquals(List.of("mona"), securityList.holders(Kind.APPLICATION, "legacy-fax", Role.MANAGER));
        assertTrue(securityList.mayRequestChanges("alice", "legacy-fax"), "alice manages the entity it");
        assertTrue(securityList.holders(Kind.APPLICATION, "hr-portal", Role.MANAGER).isEmpty());
        assertTrue(securityList.mayChangeManagers("bob", "hr-portal"), "bob owns the entity hr");
        assertFalse(securityList.mayRequestChanges("alice", "hr-portal"), "alice does not manage the entity hr");
    }

    @Test
    void addsAndRemovesAManager() {
        assertFalse(securityList.mayRequestChanges("carol", "hr-portal"));
        securityList.add(Kind.APPLICATION, "hr-portal", Role.MANAGER, "carol");
        try {
            assertEquals(List.of("carol"), securityList.holders(Kind.APPLICATION, "hr-portal", Role.MANAGER));
            assertTrue(securityList.mayRequestChanges("carol", "hr-portal"));
            securityList.add(Kind.APPLICATION, "hr-portal", Role.MANAGER, "carol");
            assertEquals(1, securityList.holders(Kind.APPLICATION, "hr-portal", Role.MANAGER).size(), "adding twice adds once");
        } finally {
            securityList.remove(Kind.APPLICATION, "hr-portal", Role.MANAGER, "carol");
        }
        assertFalse(securityList.mayRequestChanges("carol", "hr-portal"));
    }

    @Test
    void refusesUnknownPeopleAndApplications() {
        EJBException noPerson = assertThrows(EJBException.class,
                () -> securityList.add(Kind.ENTITY, "finance", Role.MANAGER, "*"));
        assertInstanceOf(IllegalArgumentException.class, noPerson.getCause());
        EJBException noApplication = assertThrows(EJBException.class,
                () -> securityList.holders(Kind.APPLICATION, "no-such-app", Role.OWNER));
        assertInstanceOf(IllegalArgumentException.class, noApplication.getCause());
    }
}
