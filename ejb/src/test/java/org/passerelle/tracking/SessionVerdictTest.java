package org.passerelle.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionVerdictTest {

    @Test
    void readBackAsWritten() {
        List<SessionVerdict> verdicts = List.of(new SessionVerdict("connect", "127.0.0.1", "250", "no access rule"),
                new SessionVerdict("mail", "billing@managed.test", "250", "application billing allowed sender billing@managed.test"),
                new SessionVerdict("rcpt", "x@external.test", "554 5.7.1", "no relay right"));
        assertEquals(verdicts, SessionVerdict.parse(SessionVerdict.lines(verdicts)));
    }

    @Test
    void aClientsTabsAndLineBreaksCannotForgeALine() {
        SessionVerdict helo = new SessionVerdict("helo", "evil\n250\tforged", "250", "no access rule");
        assertEquals(List.of(new SessionVerdict("helo", "evil 250 forged", "250", "no access rule")),
                SessionVerdict.parse(SessionVerdict.lines(List.of(helo))));
    }

    @Test
    void tooManyDecisionsKeepTheFirstAndSayHowManyAreLeftOut() {
        List<SessionVerdict> many = Collections.nCopies(1000, new SessionVerdict("rcpt", "someone@external.test", "250",
                "application billing"));
        String lines = SessionVerdict.lines(many);
        assertTrue(lines.length() <= SessionVerdict.STORED_LIMIT, String.valueOf(lines.length()));
        List<SessionVerdict> read = SessionVerdict.parse(lines);
        assertEquals("more", read.get(read.size() - 1).stage());
        assertEquals((1000 - (read.size() - 1)) + " decisions left out", read.get(read.size() - 1).rule());
    }

    @Test
    void nothingKeptIsNoDecision() {
        assertTrue(SessionVerdict.parse(null).isEmpty());
    }
}
