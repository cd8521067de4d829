package org.passerelle.quarantine;

import java.time.Duration;
import java.time.Instant;

import org.passerelle.directory.Requester;
import org.passerelle.directory.Visibility;

/**
 * Who may do what with the quarantine, and when a message expires. Central and operations list,
 * inspect, release, delete and download everything; auditors list and inspect everything; owners
 * and managers list and inspect their applications' messages, and download those that hold no
 * virus.
 */
public final class QuarantineRules {

    /** How the reason of a message quarantined for a virus starts. */
    public static final String VIRUS = "virus ";

    private QuarantineRules() {
    }

    public static boolean sees(Requester requester, Visibility.Scope scope, QuarantinedMessage message) {
        return requester.seesEverything() || (message.application() != null && scope.applications().contains(message.application()));
    }

    public static boolean acts(Requester requester) {
        return requester.operatesQueue();
    }

    public static boolean downloads(Requester requester, Visibility.Scope scope, QuarantinedMessage message) {
        if (requester.operatesQueue()) {
            return true;
        }
        return !requester.seesEverything() && sees(requester, scope, message) && !message.virus();
    }

    /** Messages received before this are deleted. */
    public static Instant expiryCutoff(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }
}
