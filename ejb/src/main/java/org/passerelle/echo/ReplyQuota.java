package org.passerelle.echo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.passerelle.smtp.MailAddress;

/**
 * At most so many echo replies per sender in any sliding hour, counted in this node's memory: a
 * restart forgets them, and each node of a cluster counts its own (the limit is against loops and
 * floods, which one node sees whole). Senders compare without case.
 */
public final class ReplyQuota {

    static final Duration WINDOW = Duration.ofHours(1);
    /** Senders remembered before the idle ones are forgotten. */
    private static final int SENDERS_KEPT = 10_000;

    private final int perHour;
    private final Map<String, Deque<Instant>> replies = new HashMap<>();

    public ReplyQuota(int perHour) {
        if (perHour < 1) {
            throw new IllegalArgumentException("PSL_ECHO_REPLIES_PER_HOUR must be at least 1: " + perHour);
        }
        this.perHour = perHour;
    }

    public int perHour() {
        return perHour;
    }

    /** Counts a reply to the sender now if it is within its quota. */
    public synchronized boolean take(MailAddress sender, Instant now) {
        if (replies.size() >= SENDERS_KEPT) {
            replies.values().forEach(times -> forgetBefore(times, now.minus(WINDOW)));
            replies.values().removeIf(Deque::isEmpty);
        }
        Deque<Instant> times = replies.computeIfAbsent(sender.toString().toLowerCase(Locale.ROOT), key -> new ArrayDeque<>());
        forgetBefore(times, now.minus(WINDOW));
        if (times.size() >= perHour) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private static void forgetBefore(Deque<Instant> times, Instant start) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }
}
