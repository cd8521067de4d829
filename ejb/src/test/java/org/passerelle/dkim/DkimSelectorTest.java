package org.passerelle.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DkimSelectorTest {

    @Test
    void aKeyIsNamedAfterItsMonth() {
        assertEquals("psl202612", DkimSelector.forMonth(YearMonth.of(2026, 12), Set.of()));
        assertEquals("psl202701", DkimSelector.forMonth(YearMonth.of(2027, 1), Set.of("psl202612")));
    }

    @Test
    void aSecondKeyOfTheSameMonthGetsALetter() {
        assertEquals("psl202612b", DkimSelector.forMonth(YearMonth.of(2026, 12), Set.of("psl202612")));
        assertEquals("psl202612c", DkimSelector.forMonth(YearMonth.of(2026, 12), Set.of("psl202612", "psl202612b")));
    }
}
