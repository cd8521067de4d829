package org.passerelle.workflow;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One step of a change request's history: the state it entered, who moved it there, when, and why. */
@Embeddable
public record Transition(@Enumerated(EnumType.STRING) @Column(name = "state", nullable = false, length = 16) ChangeState state,
                         @Column(name = "actor", nullable = false, length = 255) String actor,
                         @Column(name = "at", nullable = false) Instant at,
                         @Column(name = "comment", length = 2000) String comment) {
}
