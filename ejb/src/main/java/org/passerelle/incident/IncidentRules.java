package org.passerelle.incident;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.passerelle.directory.Requester;

/**
 * The rules of the incident process, in one place that the API, the console and the monitors go
 * through:
 * <ol>
 * <li>open → diagnosed (a diagnosis is recorded) or resolved (the condition cleared by itself);</li>
 * <li>diagnosed → in progress (an actor is assigned) or resolved;</li>
 * <li>in progress → resolved;</li>
 * <li>resolved → closed, or back to in progress when it was not over;</li>
 * <li>closed is final: nothing changes it, not even a comment.</li>
 * </ol>
 * Operations and the central service handle incidents (diagnose, assign, move on); anyone who sees
 * an incident comments on it; auditors only read.
 */
public final class IncidentRules {

    private static final Map<IncidentState, Set<IncidentState>> NEXT = Map.of(
            IncidentState.OPEN, EnumSet.of(IncidentState.DIAGNOSED, IncidentState.RESOLVED),
            IncidentState.DIAGNOSED, EnumSet.of(IncidentState.IN_PROGRESS, IncidentState.RESOLVED),
            IncidentState.IN_PROGRESS, EnumSet.of(IncidentState.RESOLVED),
            IncidentState.RESOLVED, EnumSet.of(IncidentState.CLOSED, IncidentState.IN_PROGRESS),
            IncidentState.CLOSED, EnumSet.noneOf(IncidentState.class));

    private IncidentRules() {
    }

    public static Set<IncidentState> next(IncidentState from) {
        return NEXT.get(from);
    }

    /**
     * @param diagnosed whether a diagnosis is recorded
     * @param assigned whether an actor is assigned
     * @throws IncidentRefused ({@code CONFLICT}) naming {@code state} for a move the process does not
     *         have, {@code causes} or {@code actor} for what must come first
     */
    public static void checkMove(Long id, IncidentState from, IncidentState to, boolean diagnosed, boolean assigned) {
        if (!NEXT.get(from).contains(to)) {
            String allowed = NEXT.get(from).stream().map(IncidentState::label).collect(Collectors.joining(", "));
            throw IncidentRefused.conflict("state", "incident " + id + " is " + from.label() + ": it cannot become " + to.label()
                    + (allowed.isEmpty() ? " (a closed incident is final)" : " (only " + allowed + ")"));
        }
        if (to == IncidentState.DIAGNOSED && !diagnosed) {
            throw IncidentRefused.conflict("causes", "incident " + id + " has no diagnosis yet: record its causes before it becomes diagnosed");
        }
        if (to == IncidentState.IN_PROGRESS && !assigned) {
            throw IncidentRefused.conflict("actor", "incident " + id + " is assigned to nobody: assign an actor before it is in progress");
        }
    }

    /** A diagnosis may be recorded, or corrected, until the incident is resolved. */
    public static void checkDiagnosis(Long id, IncidentState state) {
        if (!state.active()) {
            throw IncidentRefused.conflict("causes", "incident " + id + " is " + state.label() + ": its diagnosis no longer changes");
        }
    }

    /** An actor may be assigned until the incident is closed (a resolved one may need checking). */
    public static void checkAssignment(Long id, IncidentState state) {
        if (state == IncidentState.CLOSED) {
            throw IncidentRefused.conflict("actor", "incident " + id + " is closed: nobody is assigned to it any more");
        }
    }

    public static void checkComment(Long id, IncidentState state) {
        if (state == IncidentState.CLOSED) {
            throw IncidentRefused.conflict("comment", "incident " + id + " is closed: its timeline is final");
        }
    }

    /** Operations and the central service diagnose, assign and move incidents on. */
    public static boolean handles(Requester requester) {
        return requester.is(Requester.Role.OPERATIONS) || requester.is(Requester.Role.CENTRAL);
    }

    /** Everyone but an auditor (who only reads) may raise an incident; managers and owners about their applications only. */
    public static boolean raises(Requester requester) {
        return handles(requester) || requester.roles().isEmpty();
    }

    /** How an incident raised by this requester came in. */
    public static Intake intakeOf(Requester requester) {
        return handles(requester) ? Intake.OPERATIONS : Intake.USER;
    }
}
