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
        private Instant until;
        private String error;

        /** The database did not answer. */
        public synchronized void failed(Instant at, String why) {
            if (since == null || until != null) {
                since = until == null ? at : since;
                until = null;
            }
            error = why;
        }

        /**
         * The database answered: the outage it ended, if there was one, to record; the same until
         * {@link #recorded()} says it was (another node may hold the monitors' run this time).
         */
        public synchronized Optional<MonitorCondition> answered(Instant at) {
            if (since == null) {
                return Optional.empty();
            }
            if (until == null) {
                until = at;
            }
            long seconds = Duration.between(since, until).toSeconds();
            return Optional.of(new MonitorCondition(Monitor.DATABASE, "postgresql:" + since, "Database unreachable for " + seconds + " s",
                    "The database did not answer from " + since + " to " + until + " (" + seconds + " seconds): " + error
                            + "\nRecorded once the database answered again: incidents are kept in it."));
        }

        public synchronized void recorded() {
            since = null;
            until = null;
        }

        public synchronized boolean down() {
            return since != null && until == null;
        }
    }
}
