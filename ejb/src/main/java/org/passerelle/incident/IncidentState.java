package org.passerelle.incident;

import java.util.Locale;

/**
 * Where an incident is in the service's process: {@code OPEN} when raised, {@code DIAGNOSED} once
 * its cause is known, {@code IN_PROGRESS} while an actor works on it, {@code RESOLVED} when the
 * service works again, {@code CLOSED} once operations has checked it stays so. {@link IncidentRules}
 * says which moves are allowed.
 */
public enum IncidentState {
    OPEN, DIAGNOSED, IN_PROGRESS, RESOLVED, CLOSED;

    /** Whether the incident still needs someone: a monitor does not raise its condition again while one is. */
    public boolean active() {
        return this != RESOLVED && this != CLOSED;
    }

    /** The state's name in the API and the console: {@code in-progress}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException when the text names no state */
    public static IncidentState of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
