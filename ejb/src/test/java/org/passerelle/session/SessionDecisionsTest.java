package org.passerelle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.passerelle.tracking.SessionVerdict;

class SessionDecisionsTest {

    private static SessionVerdict verdict(String stage, String subject) {
        return new SessionVerdict(stage, subject, "250", "rule");
    }

    @Test
    void aMessageKeepsTheDecisionsOfItsOwnTransaction() {
        SessionDecisions decisions = new SessionDecisions(10);
        decisions.record("s1", verdict("connect", "127.0.0.1"));
        decisions.record("s1", verdict("helo", "client.test"));
        decisions.record("s1", verdict("mail", "first@managed.test"));
        decisions.record("s1", verdict("rcpt", "a@external.test"));
        decisions.record("s1", verdict("mail", "second@managed.test"));
        decisions.record("s1", verdict("rcpt", "b@external.test"));
        decisions.record("s1", verdict("rcpt", "c@external.test"));
        assertEquals(List.of("127.0.0.1", "client.test", "second@managed.test", "b@external.test", "c@external.test"),
                decisions.of("s1").stream().map(SessionVerdict::subject).toList());
    }

    @Test
    void aNewGreetingAfterStartTlsForgetsTheEarlierOne() {
        SessionDecisions decisions = new SessionDecisions(10);
        decisions.record("s1", verdict("connect", "127.0.0.1"));
        decisions.record("s1", verdict("helo", "plain.test"));
        decisions.record("s1", verdict("helo", "tls.test"));
        decisions.record("s1", verdict("auth", "alice"));
        decisions.record("s1", verdict("mail", "alice@managed.test"));
        assertEquals(List.of("127.0.0.1", "tls.test", "alice", "alice@managed.test"),
                decisions.of("s1").stream().map(SessionVerdict::subject).toList());
    }

    @Test
    void onlyTheMostRecentSessionsAreKept() {
        SessionDecisions decisions = new SessionDecisions(2);
        decisions.record("s1", verdict("connect", "127.0.0.1"));
        decisions.record("s2", verdict("connect", "127.0.0.2"));
        decisions.record("s3", verdict("connect", "127.0.0.3"));
        assertTrue(decisions.of("s1").isEmpty());
        assertEquals(1, decisions.of("s3").size());
    }
}
