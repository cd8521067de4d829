package org.passerelle.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RefusalTallyTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    @Test
    void countsByDayAndStageUntilDrained() {
        RefusalTally tally = new RefusalTally();
        tally.add(DAY, RefusalStage.RCPT);
        tally.add(DAY, RefusalStage.RCPT);
        tally.add(DAY, RefusalStage.MAIL);
        tally.add(DAY.plusDays(1), RefusalStage.RCPT);
        assertEquals(Map.of(new RefusalTally.Key(DAY, RefusalStage.RCPT), 2L, new RefusalTally.Key(DAY, RefusalStage.MAIL), 1L,
                new RefusalTally.Key(DAY.plusDays(1), RefusalStage.RCPT), 1L), tally.drain());
        assertTrue(tally.drain().isEmpty(), "written once");
    }

    @Test
    void countsNotWrittenAreKeptWithTheNewOnes() {
        RefusalTally tally = new RefusalTally();
        tally.add(DAY, RefusalStage.HELO);
        Map<RefusalTally.Key, Long> unwritten = tally.drain();
        tally.add(DAY, RefusalStage.HELO);
        tally.restore(unwritten);
        assertEquals(Map.of(new RefusalTally.Key(DAY, RefusalStage.HELO), 2L), tally.drain());
    }

    @Test
    void stagesAreStoredInLowerCase() {
        assertEquals("rcpt", RefusalStage.RCPT.key());
        assertEquals(RefusalStage.AUTH, RefusalStage.of("auth"));
    }
}
