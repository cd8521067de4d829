package org.passerelle.incident;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which actors' lists an incident's notices go to: operations and the service owner always; the
 * actor assigned; the network steering cell once the network is diagnosed at fault; the hosting
 * provider once the hardware is.
 */
public final class NoticeRecipients {

    private NoticeRecipients() {
    }

    public static Set<Actor> of(Optional<Diagnosis> diagnosis, Actor assigned) {
        Set<Actor> actors = EnumSet.of(Actor.OPERATIONS, Actor.SERVICE_OWNER);
        if (assigned != null) {
            actors.add(assigned);
        }
        diagnosis.ifPresent(found -> {
            if (found.area() != Cause.Area.SERVER) {
                actors.add(Actor.NETWORK_STEERING_CELL);
            }
            if (found.causes().contains(Cause.HARDWARE)) {
                actors.add(Actor.HOSTING_PROVIDER);
            }
        });
        return actors;
    }
}
