package org.passerelle.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The queue-age monitor's decision: the oldest message waiting in the queue (queued or deferred,
 * not held by an operator) is older than the threshold.
 */
public final class QueueAge {

    private QueueAge() {
    }

    /**
     * @param oldest when the oldest waiting message was received, and its queue id; empty when none waits
     * @param waiting how many messages wait
     */
    public static Optional<MonitorCondition> tooOld(Optional<Oldest> oldest, long waiting, Instant now, Duration threshold) {
        return oldest.filter(message -> Duration.between(message.receivedAt(), now).compareTo(threshold) > 0).map(message -> {
            long minutes = Duration.between(message.receivedAt(), now).toMinutes();
            return new MonitorCondition(Monitor.QUEUE_AGE, "oldest", "Queue: oldest message waiting for " + minutes + " min",
                    "The oldest message waiting in the queue, " + message.queueId() + ", was received at " + message.receivedAt()
                            + " (" + minutes + " minutes ago, more than " + threshold.toMinutes() + "); " + waiting
                            + " messages wait.\nThe incident is resolved by itself when no waiting message is that old.");
        });
    }

    public record Oldest(String queueId, Instant receivedAt) {
    }
}
