package org.passerelle.greylist;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SMTP transactions in progress whose recipients passed greylisting for the first time, and the
 * longest delay among them, by session id: their message is the first of its triplet and gets an
 * {@link GreylistHeader}. A new MAIL forgets the previous transaction's. The connector does not say
 * when a session ends, so only the most recent are kept. A CDI bean, not an EJB, as
 * {@code SessionVerdicts}: it is called at every MAIL.
 */
@ApplicationScoped
public class FirstPasses {

    private static final int SESSIONS_KEPT = 10_000;

    private final Map<String, Duration> delays = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Duration> eldest) {
            return size() > SESSIONS_KEPT;
        }
    };

    public synchronized void passed(String sessionId, Duration delay) {
        delays.merge(sessionId, delay, (one, other) -> one.compareTo(other) >= 0 ? one : other);
    }

    public synchronized void forget(String sessionId) {
        delays.remove(sessionId);
    }

    /** The longest first-pass delay of the session's transaction, if one of its recipients passed for the first time. */
    public synchronized Optional<Duration> of(String sessionId) {
        return Optional.ofNullable(delays.get(sessionId));
    }
}
