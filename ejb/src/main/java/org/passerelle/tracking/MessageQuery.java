package org.passerelle.tracking;

import java.time.Instant;

/**
 * A search of the tracking log: each filter is optional ({@code null}); results come in the order
 * asked, newest first unless told otherwise, ties broken by queue id.
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
 * @param order       the order of the results ({@link MessageOrder#NEWEST_FIRST} for {@code null})
 */
public record MessageQuery(String queueId, String sender, String messageId, String recipient, String application,
                           String clientAddress, MessageState state, Instant from, Instant to, int offset, int limit,
                           MessageOrder order) {

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
        if (order == null) {
            order = MessageOrder.NEWEST_FIRST;
        }
    }

    /** Newest first. */
    public MessageQuery(String queueId, String sender, String messageId, String recipient, String application,
                        String clientAddress, MessageState state, Instant from, Instant to, int offset, int limit) {
        this(queueId, sender, messageId, recipient, application, clientAddress, state, from, to, offset, limit, null);
    }

    /** By queue id and sender only, the newest {@code limit}. */
    public MessageQuery(String queueId, String sender, int limit) {
        this(queueId, sender, null, null, null, null, null, null, null, 0, limit);
    }
}
