package org.passerelle.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.passerelle.tracking.MessageState;

/**
 * The queue as the gauges show it, read from the database, for the whole cluster: messages by
 * state, the age of the oldest message waiting for delivery, how long the most overdue message has
 * been due, and how many next hops failed every attempt of the recent window. Two aggregate queries
 * over indexed columns ({@code message_held_reason}, whose first column is the state, and
 * {@code delivery_attempt_attempted_at}).
 *
 * @param oldestAge    the oldest QUEUED or DEFERRED message's time since its acceptance; zero when none
 * @param oldestDue    the longest time a QUEUED or DEFERRED message has been due and not yet tried; zero when none
 * @param failingHops  next hops with failed attempts and none delivered in the window
 */
public record QueueFigures(Map<MessageState, Long> byState, Duration oldestAge, Duration oldestDue, long failingHops) {

    /** The states of the queue: what the gauge {@code passerelle_queue_messages} shows. */
    public static final List<MessageState> IN_QUEUE = List.of(MessageState.QUEUED, MessageState.DEFERRED, MessageState.HELD);

    public static final QueueFigures EMPTY = new QueueFigures(zeros(), Duration.ZERO, Duration.ZERO, 0);

    public long messages(MessageState state) {
        return byState.getOrDefault(state, 0L);
    }

    /** The figures now; {@code failingWindow}: how far back attempts count for the failing next hops. */
    public static QueueFigures read(Connection db, Instant now, Duration failingWindow) throws SQLException {
        Map<MessageState, Long> byState = zeros();
        Instant oldest = null;
        Instant oldestDue = null;
        try (PreparedStatement select = db.prepareStatement("select state, count(*), min(received_at),"
                + " min(case when next_attempt_at is null or next_attempt_at <= ? then coalesce(next_attempt_at, received_at) end)"
                + " from message where state in ('QUEUED', 'DEFERRED', 'HELD') group by state")) {
            select.setObject(1, now.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    MessageState state = MessageState.valueOf(rows.getString(1));
                    byState.put(state, rows.getLong(2));
                    if (state != MessageState.HELD) {
                        oldest = earliest(oldest, instant(rows.getObject(3, OffsetDateTime.class)));
                        oldestDue = earliest(oldestDue, instant(rows.getObject(4, OffsetDateTime.class)));
                    }
                }
            }
        }
        long failing;
        try (PreparedStatement select = db.prepareStatement("select count(*) from (select next_hop from delivery_attempt"
                + " where attempted_at >= ? group by next_hop having sum(case when outcome = 'DELIVERED' then 1 else 0 end) = 0) f")) {
            select.setObject(1, now.minus(failingWindow).atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                failing = rows.getLong(1);
            }
        }
        return new QueueFigures(byState, since(oldest, now), since(oldestDue, now), failing);
    }

    private static Map<MessageState, Long> zeros() {
        Map<MessageState, Long> counts = new EnumMap<>(MessageState.class);
        IN_QUEUE.forEach(state -> counts.put(state, 0L));
        return counts;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Duration since(Instant then, Instant now) {
        return then == null || then.isAfter(now) ? Duration.ZERO : Duration.between(then, now);
    }
}
