package org.passerelle.workflow;

import java.util.Locale;
import java.util.Set;

/**
 * Where a change request is: {@code SUBMITTED}, then {@code REJECTED} or {@code VALIDATED} by the
 * central service, or {@code WITHDRAWN} by its author; a validated request becomes {@code APPLIED}
 * once the directory has it. Rejected, withdrawn and applied requests are final.
 */
public enum ChangeState {
    SUBMITTED, REJECTED, VALIDATED, APPLIED, WITHDRAWN;

    public boolean mayBecome(ChangeState next) {
        return switch (this) {
            case SUBMITTED -> Set.of(VALIDATED, REJECTED, WITHDRAWN).contains(next);
            case VALIDATED -> next == APPLIED;
            case REJECTED, APPLIED, WITHDRAWN -> false;
        };
    }

    /** @throws IllegalArgumentException when the text names no state */
    public static ChangeState of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
