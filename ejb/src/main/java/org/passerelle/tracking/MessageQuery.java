package org.passerelle.tracking;

/**
 * A search of the tracking log: each filter is optional; results come newest first.
 *
 * @param queueId exact queue id
 * @param sender  exact envelope sender, case-insensitive
 * @param limit   at most this many messages (1 to {@value #MAX_LIMIT})
 */
public record MessageQuery(String queueId, String sender, int limit) {

    public static final int MAX_LIMIT = 500;

    public MessageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
