package org.passerelle.spool;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The id Passerelle gives an accepted message, quoted in the {@code 250} reply and in every log
 * line and tracking row about it: eleven characters of microseconds since the epoch (so ids sort
 * by acceptance time) and five random ones (so nodes never collide), in Crockford's base 32. On
 * one node the microseconds never repeat: an id of the same microsecond as the one before takes
 * the next, so that two messages accepted at once never share an id (with the five random
 * characters alone, two of a thousand ids of one microsecond were alike about once in seventy).
 */
public record QueueId(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int BASE = ALPHABET.length();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 16;
    private static final AtomicLong LAST_MICROS = new AtomicLong();

    public QueueId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a queue id: " + value);
        }
    }

    public static QueueId next() {
        return next(Clock.systemUTC());
    }

    static QueueId next(Clock clock) {
        StringBuilder id = new StringBuilder(LENGTH);
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        long micros = LAST_MICROS.updateAndGet(last -> Math.max(last + 1, now));
        for (int i = 0; i < 11; i++) {
            id.insert(0, ALPHABET.charAt((int) (micros % BASE)));
            micros /= BASE;
        }
        for (int i = 0; i < 5; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(BASE)));
        }
        return new QueueId(id.toString());
    }

    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        return text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    @Override
    public String toString() {
        return value;
    }
}
