package org.passerelle.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * The virus-outbreak monitor's decision: outbreak mode is on (docs/content-checks.md), so every
 * message with an attachment waits in quarantine; the incident lasts as long as the mode, and is
 * resolved by itself when operations switch it off.
 */
public final class VirusOutbreak {

    private VirusOutbreak() {
    }

    /**
     * @param by who switched outbreak mode on, {@code null} if unknown
     * @param since when, {@code null} if unknown
     */
    public static Optional<MonitorCondition> declared(boolean on, String by, Instant since) {
        if (!on) {
            return Optional.empty();
        }
        return Optional.of(new MonitorCondition(Monitor.VIRUS_OUTBREAK, "outbreak-mode", "Virus outbreak: outbreak mode is on",
                "Outbreak mode was switched on" + (by == null ? "" : " by " + by) + (since == null ? "" : " at " + since)
                        + ": every message with an attachment is quarantined until it is switched off and the quarantine"
                        + " released after a new scan.\nThe incident is resolved by itself when outbreak mode is switched off."));
    }
}
