package org.passerelle.tracking;

import java.time.Instant;

/**
 * A search of the tracking log: each filter is optional ({@code null}); results come newest first.
 *
 * @param queueId     exact queue id
 * @param sender      exact envelope sender, case-insensitive
 * @param messageId   the {@code Message-ID}, with or without its angle brackets
 * @param recipient   an envelope recipient, case-insensitive
 * @param application the sender application
 * @param clientAddress the client's IP address as recorded
 * @param state       where the message stands
 * @param from        received at or after
 * @param to          received before
 * @param offset      how many of the newest matches to skip (paging)
 * @param limit       at most this many messages (1 to {@value #MAX_LIMIT})
 */
public record MessageQuery(String queueId, String sender, String messageId, String recipient, String application,
                           String clientAddress, MessageState state, Instant from, Instant to, int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public MessageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range must end after it starts");
        }
    }

    /** By queue id and sender only, the newest {@code limit}. */
    public MessageQuery(String queueId, String sender, int limit) {
        this(queueId, sender, null, null, null, null, null, null, null, 0, limit);
    }
}
