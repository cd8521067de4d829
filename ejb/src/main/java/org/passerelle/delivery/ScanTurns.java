package org.passerelle.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whose turn it is to look for due messages unasked: one worker of the node once per scan
 * interval, and none while scanning rounds run anyway. Each idle worker scanning on its own made twenty
 * claims a second per node that found nothing, each a transaction on the shared database.
 * Times are {@link System#nanoTime()} readings.
 */
final class ScanTurns {

    private final long interval;
    private final AtomicLong next;

    ScanTurns(Duration interval, long now) {
        this.interval = interval.toNanos();
        this.next = new AtomicLong(now);
    }

    /** @return whether the caller scans now: the interval has passed since the database was last looked at, and no other worker took the turn */
    boolean take(long now) {
        long due = next.get();
        return now - due >= 0 && next.compareAndSet(due, now + interval);
    }

    /** A round looked at the database: the next scan is an interval away. */
    void looked(long now) {
        next.accumulateAndGet(now + interval, (current, proposed) -> proposed - current > 0 ? proposed : current);
    }
}
