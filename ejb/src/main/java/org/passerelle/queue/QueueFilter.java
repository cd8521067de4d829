package org.passerelle.queue;

import java.time.Duration;
import java.util.Locale;

import org.passerelle.tracking.MessageState;

/**
 * Which queued messages an operation is about. Every filter is optional; without a state, all
 * messages still in the queue (queued, deferred or held).
 *
 * @param recipient  an envelope recipient, case-insensitive
 * @param recipientDomain the domain of an envelope recipient (exactly that domain), case-insensitive
 * @param nextHop    a next hop the message was last tried at, as {@code [host]:port}
 * @param olderThan  received longer ago than this
 */
public record QueueFilter(String sender, String recipient, String recipientDomain, String application, String nextHop,
                          MessageState state, Duration olderThan, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public QueueFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (state != null && state.finished()) {
            throw new IllegalArgumentException(state + " messages are no longer in the queue");
        }
        if (recipientDomain != null) {
            recipientDomain = recipientDomain.trim().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
        }
    }

    /** Without a recipient domain. */
    public QueueFilter(String sender, String recipient, String application, String nextHop, MessageState state,
                       Duration olderThan, int limit) {
        this(sender, recipient, null, application, nextHop, state, olderThan, limit);
    }
}
