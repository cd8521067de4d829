package org.passerelle.greylist;

import java.time.Instant;

/**
 * What is kept of a client network's passes, for auto-allow.
 *
 * @param passes      the passes counted, at most one an hour
 * @param lastCounted when the last one was counted
 * @param lastSeen    when the network last passed or was let through as auto-allowed
 */
public record NetworkPasses(int passes, Instant lastCounted, Instant lastSeen) {
}
