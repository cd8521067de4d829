package org.passerelle.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers of directory lookups kept for a short time, like {@link RelayDirectory}'s snapshot, so
 * that a session asking about many recipients does not cost one LDAP search each. A failed lookup
 * (an exception) is not kept. When more than {@code maxEntries} answers are held, all are dropped:
 * a client probing random addresses cannot make the cache grow without bound.
 */
public final class ExpiringCache<K, V> {

    private record Held<V>(V value, Instant until) {
    }

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<K, Held<V>> held = new ConcurrentHashMap<>();

    public ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The answer for {@code key}: the one held if still fresh, else {@code lookup}'s, which is then held. */
    public V get(K key, Function<K, V> lookup) {
        Instant now = clock.instant();
        Held<V> answer = held.get(key);
        if (answer != null && now.isBefore(answer.until())) {
            return answer.value();
        }
        V value = lookup.apply(key);
        if (held.size() >= maxEntries) {
            held.clear();
        }
        held.put(key, new Held<>(value, now.plus(ttl)));
        return value;
    }

    /** Forgets every answer, for when Passerelle itself has just written the directory. */
    public void clear() {
        held.clear();
    }
}
