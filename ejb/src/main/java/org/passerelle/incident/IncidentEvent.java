package org.passerelle.incident;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * One entry of an incident's timeline: who did what, when, and the state it left the incident in.
 *
 * @param text the comment, or what changed (the diagnosis, who is assigned)
 */
@Embeddable
public record IncidentEvent(@Column(name = "at", nullable = false) Instant at,
                            @Column(name = "actor", nullable = false, length = 255) String actor,
                            @Enumerated(EnumType.STRING) @Column(name = "kind", nullable = false, length = 16) Kind kind,
                            @Enumerated(EnumType.STRING) @Column(name = "state", nullable = false, length = 16) IncidentState state,
                            @Column(name = "text", length = 4000) String text) {

    public enum Kind {
        RAISED, STATE, DIAGNOSIS, ASSIGNMENT, COMMENT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
