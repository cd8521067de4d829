package org.passerelle.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestedChangeTest {

    private static String fieldAtFault(RequestedChange change) {
        return assertThrows(ChangeRequestRefused.class, change::validate).field();
    }

    @Test
    void namesTheFieldAtFault() {
        assertEquals("kind", fieldAtFault(new RequestedChange(null, "x", null, null, null, null, null, null, null, null)));
        assertEquals("entity", fieldAtFault(new RequestedChange(ChangeKind.ADD_APPLICATION, "x", null, null, null, null, null, null, null, null)));
        assertEquals("application", fieldAtFault(new RequestedChange(ChangeKind.DELETE_APPLICATION, "bad name", null, null, null, null, null, null, null, null)));
        assertEquals("managers", fieldAtFault(new RequestedChange(ChangeKind.APPLICATION_MANAGERS, "billing", null, null, null, null, null, null, null, null)));
        assertEquals("rateLimit", fieldAtFault(new RequestedChange(ChangeKind.ADD_APPLICATION, "x", "it", null, null, null, 0, null, null, null)));
        assertEquals("networks", fieldAtFault(new RequestedChange(ChangeKind.MODIFY_APPLICATION, "billing", null, null, null, null, null, null, null, null)));
        assertEquals("managers", fieldAtFault(new RequestedChange(ChangeKind.MODIFY_APPLICATION, "billing", null, null, null, null, 5, null, null, List.of("bob"))));
    }

    @Test
    void aDeletionAndAManagersChangeAreComplete() {
        RequestedChange.delete("billing").validate();
        RequestedChange.entityManagers("finance", List.of()).validate();
    }

    @Test
    void kindsReadAsTheyAreWritten() {
        assertEquals(ChangeKind.ADD_APPLICATION, ChangeKind.of("add-application"));
        assertEquals("entity-managers", ChangeKind.ENTITY_MANAGERS.label());
    }

    @Test
    void onlyTheWorkflowsTransitionsAreAllowed() {
        assertTrue(ChangeState.SUBMITTED.mayBecome(ChangeState.VALIDATED));
        assertTrue(ChangeState.SUBMITTED.mayBecome(ChangeState.WITHDRAWN));
        assertTrue(ChangeState.VALIDATED.mayBecome(ChangeState.APPLIED));
        assertFalse(ChangeState.SUBMITTED.mayBecome(ChangeState.APPLIED), "nothing is applied unvalidated");
        assertFalse(ChangeState.VALIDATED.mayBecome(ChangeState.WITHDRAWN), "withdrawn only before validation");
        assertFalse(ChangeState.REJECTED.mayBecome(ChangeState.VALIDATED));
        assertFalse(ChangeState.APPLIED.mayBecome(ChangeState.APPLIED));
    }
}
