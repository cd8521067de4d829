package org.passerelle.incident;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.Requester;
import org.passerelle.refusal.Refusal;

/** The incident process's states, moves and who handles what. */
class IncidentRulesTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void followsTheProcessFromOpenToClosed() {
        Incident incident = new Incident("SMTP down", "no greeting", Intake.OPERATIONS, "oscar", AT, null, null);
        incident.diagnose(Diagnosis.of(List.of("smtp-service")), "oscar", AT, "the service is stopped");
        incident.moveTo(IncidentState.DIAGNOSED, "oscar", AT, null);
        incident.assign(Actor.HOSTING_PROVIDER, "Hélène", "oscar", AT, null);
        incident.moveTo(IncidentState.IN_PROGRESS, "oscar", AT, null);
        incident.comment("alice", AT, "still no mail");
        incident.moveTo(IncidentState.RESOLVED, "oscar", AT, "restarted");
        incident.moveTo(IncidentState.CLOSED, "oscar", AT, null);

        assertEquals(IncidentState.CLOSED, incident.getState());
        assertEquals(List.of(IncidentEvent.Kind.RAISED, IncidentEvent.Kind.DIAGNOSIS, IncidentEvent.Kind.STATE, IncidentEvent.Kind.ASSIGNMENT,
                IncidentEvent.Kind.STATE, IncidentEvent.Kind.COMMENT, IncidentEvent.Kind.STATE, IncidentEvent.Kind.STATE),
                incident.getTimeline().stream().map(IncidentEvent::kind).toList());
        assertEquals("hosting-provider (Hélène)", incident.getTimeline().get(3).text());
        assertEquals(AT, incident.getResolvedAt());
    }

    @Test
    void refusesAMoveTheProcessDoesNotHaveNamingTheState() {
        IncidentRefused refused = assertThrows(IncidentRefused.class,
                () -> IncidentRules.checkMove(7L, IncidentState.OPEN, IncidentState.CLOSED, true, true));
        assertEquals(Refusal.Reason.CONFLICT, refused.reason());
        assertEquals("state", refused.field());
        assertEquals("incident 7 is open: it cannot become closed (only diagnosed, resolved)", refused.getMessage());
        assertThrows(IncidentRefused.class, () -> IncidentRules.checkMove(7L, IncidentState.IN_PROGRESS, IncidentState.OPEN, true, true));
        IncidentRefused fromClosed = assertThrows(IncidentRefused.class,
                () -> IncidentRules.checkMove(7L, IncidentState.CLOSED, IncidentState.IN_PROGRESS, true, true));
        assertTrue(fromClosed.getMessage().contains("a closed incident is final"), fromClosed.getMessage());
        assertThrows(IncidentRefused.class, () -> IncidentRules.checkMove(7L, IncidentState.OPEN, IncidentState.OPEN, true, true));
    }

    @Test
    void diagnosedNeedsADiagnosisAndInProgressAnActor() {
        IncidentRefused undiagnosed = assertThrows(IncidentRefused.class,
                () -> IncidentRules.checkMove(3L, IncidentState.OPEN, IncidentState.DIAGNOSED, false, false));
        assertEquals("causes", undiagnosed.field());
        IncidentRefused unassigned = assertThrows(IncidentRefused.class,
                () -> IncidentRules.checkMove(3L, IncidentState.DIAGNOSED, IncidentState.IN_PROGRESS, true, false));
        assertEquals("actor", unassigned.field());
        assertEquals(Refusal.Reason.CONFLICT, unassigned.reason());
    }

    @Test
    void aResolvedIncidentIsClosedOrTakenUpAgainAndAnOpenOneMayResolveByItself() {
        assertDoesNotThrow(() -> IncidentRules.checkMove(1L, IncidentState.RESOLVED, IncidentState.IN_PROGRESS, true, true));
        assertDoesNotThrow(() -> IncidentRules.checkMove(1L, IncidentState.OPEN, IncidentState.RESOLVED, false, false));
        assertEquals(Set.of(IncidentState.CLOSED, IncidentState.IN_PROGRESS), IncidentRules.next(IncidentState.RESOLVED));
    }

    @Test
    void aClosedIncidentTakesNoCommentNoAssignmentAndAResolvedOneNoDiagnosis() {
        Incident incident = new Incident("t", null, Intake.MONITOR, "passerelle", AT, null, "queue-age:oldest");
        incident.moveTo(IncidentState.RESOLVED, "passerelle", AT, null);
        assertEquals("causes", assertThrows(IncidentRefused.class,
                () -> incident.diagnose(Diagnosis.of(List.of("lan")), "oscar", AT, null)).field());
        incident.moveTo(IncidentState.CLOSED, "oscar", AT, null);
        assertEquals("comment", assertThrows(IncidentRefused.class, () -> incident.comment("oscar", AT, "late")).field());
        assertEquals("actor", assertThrows(IncidentRefused.class,
                () -> incident.assign(Actor.OPERATIONS, null, "oscar", AT, null)).field());
    }

    @Test
    void operationsAndCentralHandleManagersRaiseAuditorsOnlyRead() {
        Requester operations = new Requester("oscar", Set.of(Requester.Role.OPERATIONS));
        Requester central = new Requester("carol", Set.of(Requester.Role.CENTRAL));
        Requester auditor = new Requester("audrey", Set.of(Requester.Role.AUDITOR));
        Requester manager = new Requester("alice", Set.of());

        assertTrue(IncidentRules.handles(operations));
        assertTrue(IncidentRules.handles(central));
        assertFalse(IncidentRules.handles(auditor));
        assertFalse(IncidentRules.handles(manager));
        assertTrue(IncidentRules.raises(manager));
        assertFalse(IncidentRules.raises(auditor));
        assertEquals(Intake.USER, IncidentRules.intakeOf(manager));
        assertEquals(Intake.OPERATIONS, IncidentRules.intakeOf(operations));
    }

    @Test
    void aMonitorIncidentHoldsItsKeyOnlyWhileActive() {
        Incident incident = new Incident("t", null, Intake.MONITOR, "passerelle", AT, null, "next-hop:[mx.example]:25");
        incident.assign(Actor.NETWORK_OPERATOR, null, "oscar", AT, null);
        assertEquals("next-hop:[mx.example]:25", incident.openKey());
        incident.moveTo(IncidentState.RESOLVED, "passerelle", AT, null);
        assertEquals(null, incident.openKey(), "a resolved incident no longer stops the monitor raising a new one");
        incident.moveTo(IncidentState.IN_PROGRESS, "oscar", AT, "not over");
        assertEquals("next-hop:[mx.example]:25", incident.openKey());
    }

    @Test
    void statesAndCausesReadAsTheApiNamesThem() {
        assertEquals(IncidentState.IN_PROGRESS, IncidentState.of("in-progress"));
        assertEquals("in-progress", IncidentState.IN_PROGRESS.label());
        Diagnosis both = Diagnosis.of(List.of("firewall", "hardware"));
        assertEquals(Cause.Area.BOTH, both.area());
        assertEquals(Cause.Area.NETWORK, Diagnosis.of(List.of("lan", "man")).area());
        assertEquals(both, Diagnosis.stored(both.stored()).orElseThrow());
        assertEquals("causes", assertThrows(IncidentRefused.class, () -> Diagnosis.of(List.of("dns"))).field());
        assertEquals("causes", assertThrows(IncidentRefused.class, () -> Diagnosis.of(List.of())).field());
    }
}
