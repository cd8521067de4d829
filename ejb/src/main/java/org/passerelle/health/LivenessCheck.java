package org.passerelle.health;

/**
 * Something whose failure only a restart of the node mends, asked by {@code /api/health/live}; an
 * outage of another system (the database, the directory) is a {@link ReadinessCheck}, never this.
 * Found like a readiness check: a CDI bean implementing it.
 */
public interface LivenessCheck {

    CheckResult check();
}
