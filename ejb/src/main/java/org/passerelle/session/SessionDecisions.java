package org.passerelle.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.passerelle.tracking.SessionVerdict;

/**
 * The policy decisions of the SMTP sessions in progress, by session id, so that an accepted
 * message is kept with those of its own transaction: a new connection starts afresh, a new greeting
 * (after STARTTLS too) forgets what came after the connection, a new MAIL forgets the previous
 * transaction's. The connector does not say when a session ends, so only the most recent sessions
 * are kept (a session is short: the oldest are long over).
 */
final class SessionDecisions {

    private static final Map<String, Set<String>> FORGETS = Map.of(
            "connect", Set.of("connect", "helo", "auth", "mail", "rcpt"),
            "helo", Set.of("helo", "auth", "mail", "rcpt"),
            "auth", Set.of("auth", "mail", "rcpt"),
            "mail", Set.of("mail", "rcpt"),
            "rcpt", Set.of());

    private final Map<String, List<SessionVerdict>> sessions;

    SessionDecisions(int sessionsKept) {
        sessions = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<SessionVerdict>> eldest) {
                return size() > sessionsKept;
            }
        };
    }

    synchronized void record(String sessionId, SessionVerdict verdict) {
        List<SessionVerdict> decisions = sessions.computeIfAbsent(sessionId, id -> new ArrayList<>());
        Set<String> forgotten = FORGETS.getOrDefault(verdict.stage(), Set.of());
        decisions.removeIf(earlier -> forgotten.contains(earlier.stage()));
        decisions.add(verdict);
    }

    /** The decisions of the session's current transaction and what came before it in the session. */
    synchronized List<SessionVerdict> of(String sessionId) {
        return List.copyOf(sessions.getOrDefault(sessionId, List.of()));
    }
}
