package org.passerelle.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.SmtpStage;

class RefusalTallyTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    @Test
    void countsByDayAndStageUntilDrained() {
        RefusalTally tally = new RefusalTally();
        tally.add(DAY, SmtpStage.RCPT);
        tally.add(DAY, SmtpStage.RCPT);
        tally.add(DAY, SmtpStage.MAIL);
        tally.add(DAY.plusDays(1), SmtpStage.RCPT);
        assertEquals(Map.of(new RefusalTally.Key(DAY, SmtpStage.RCPT), 2L, new RefusalTally.Key(DAY, SmtpStage.MAIL), 1L,
                new RefusalTally.Key(DAY.plusDays(1), SmtpStage.RCPT), 1L), tally.drain());
        assertTrue(tally.drain().isEmpty(), "written once");
    }

    @Test
    void countsNotWrittenAreKeptWithTheNewOnes() {
        RefusalTally tally = new RefusalTally();
        tally.add(DAY, SmtpStage.HELO);
        Map<RefusalTally.Key, Long> unwritten = tally.drain();
        tally.add(DAY, SmtpStage.HELO);
        tally.restore(unwritten);
        assertEquals(Map.of(new RefusalTally.Key(DAY, SmtpStage.HELO), 2L), tally.drain());
    }

    @Test
    void stagesAreStoredInLowerCase() {
        assertEquals("rcpt", SmtpStage.RCPT.key());
        assertEquals(SmtpStage.AUTH, SmtpStage.of("auth"));
    }
}
