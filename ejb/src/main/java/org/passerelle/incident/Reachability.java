package org.passerelle.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The directory and database monitors' decisions. The directory's outage is an incident while it
 * lasts. The database's cannot be: incidents live in it. So {@link DatabaseOutage} remembers on
 * this node when it stopped answering, and the outage is recorded once it answers again.
 */
public final class Reachability {

    private Reachability() {
    }

    public static Optional<MonitorCondition> directory(Optional<String> failure) {
        return failure.map(error -> new MonitorCondition(Monitor.DIRECTORY, "ldap", "Directory unreachable",
                "The directory (LDAP) did not answer: " + error
                        + "\nThe incident is resolved by itself when it answers again."));
    }

    /** What this node saw of the database, from one run to the next. */
    public static final class DatabaseOutage {

        private Instant since;
        private String error;

        /** The database did not answer. */
        public void failed(Instant at, String why) {
            if (since == null) {
                since = at;
            }
            error = why;
        }

        /** The database answered: the outage it ends, if there was one, to record. */
        public Optional<MonitorCondition> answered(Instant at) {
            if (since == null) {
                return Optional.empty();
            }
            Instant from = since;
            since = null;
            long seconds = Duration.between(from, at).toSeconds();
            return Optional.of(new MonitorCondition(Monitor.DATABASE, "postgresql:" + from, "Database unreachable for " + seconds + " s",
                    "The database did not answer from " + from + " to " + at + " (" + seconds + " seconds): " + error
                            + "\nRecorded once the database answered again: incidents are kept in it."));
        }

        public boolean down() {
            return since != null;
        }
    }
}
