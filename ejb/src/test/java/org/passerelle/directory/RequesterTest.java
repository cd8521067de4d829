package org.passerelle.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RequesterTest {

    @Test
    void takesTheRolesTheContainerNamesLikeTheGroups() {
        Requester oscar = Requester.of("oscar", Set.of("operations", "unrelated")::contains);
        assertEquals(Set.of(Requester.Role.OPERATIONS), oscar.roles());
        assertTrue(oscar.seesEverything());
        assertTrue(oscar.operatesQueue());
    }

    @Test
    void anAuditorSeesEverythingButDoesNotActOnTheQueue() {
        Requester audrey = Requester.of("audrey", "auditor"::equals);
        assertTrue(audrey.seesEverything());
        assertFalse(audrey.operatesQueue());
    }

    @Test
    void aManagerHoldsNoRoleAndSeesOnlyWhatTheSecurityListGives() {
        Requester alice = Requester.of("alice", role -> false);
        assertFalse(alice.seesEverything());
        assertFalse(alice.operatesQueue());
    }
}
