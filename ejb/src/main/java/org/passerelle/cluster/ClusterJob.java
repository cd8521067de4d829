package org.passerelle.cluster;

/**
 * The scheduled jobs that run once per period across the nodes (each node's timer fires, the first
 * to claim the period runs it). The per-node flushes of in-memory counts are not among them: every
 * node writes its own.
 */
public enum ClusterJob {
    INCIDENT_MONITORS("incident-monitors"),
    HYGIENE("hygiene"),
    GREYLIST_EXPIRY("greylist-expiry"),
    RATE_EXPIRY("rate-expiry"),
    TRACKING_EXPIRY("tracking-expiry"),
    QUARANTINE_EXPIRY("quarantine-expiry"),
    QUARANTINE_DIGEST("quarantine-digest"),
    MONTHLY_REPORTS("monthly-reports");

    /** "PSL" in the high bytes of every job's advisory lock, so that they stand apart from other users of the database. */
    private static final long LOCK_PREFIX = 0x50534CL << 40;

    private final String key;

    ClusterJob(String key) {
        this.key = key;
    }

    /** The job's name in {@code job_run} and in the log. */
    public String key() {
        return key;
    }

    /** The job's PostgreSQL advisory lock, the same on every node: "PSL" then a hash of its name (String's hash is specified, so stable). */
    long lock() {
        return LOCK_PREFIX | (key.hashCode() & 0xFFFFFFFFL);
    }
}
