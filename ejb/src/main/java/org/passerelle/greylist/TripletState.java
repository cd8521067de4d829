package org.passerelle.greylist;

import java.time.Instant;

/**
 * What is kept of a triplet.
 *
 * @param firstSeen when it was first (or, after it expired, again) refused
 * @param lastSeen  when it was last tried
 * @param passedAt  when its first retry after the delay passed; {@code null} while it is pending
 * @param passes    how many times it passed
 */
public record TripletState(Instant firstSeen, Instant lastSeen, Instant passedAt, int passes) {

    public boolean pending() {
        return passedAt == null;
    }
}
