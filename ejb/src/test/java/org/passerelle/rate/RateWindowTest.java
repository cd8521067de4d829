package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    private final RateWindow hour = new RateWindow(Duration.ofHours(1));

    @Test
    void anHourIsSixtyMinuteSlicesEndingWithTheCurrentOne() {
        Instant now = Instant.parse("2026-12-06T10:17:42Z");
        assertEquals(Instant.parse("2026-12-06T10:17:00Z"), hour.sliceOf(now));
        assertEquals(Instant.parse("2026-12-06T09:18:00Z"), hour.firstSlice(now), "the count of 09:17 no longer counts");
    }

    @Test
    void aShortTestWindowHasSecondSlices() {
        RateWindow minute = new RateWindow(Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(1), minute.slice());
        assertEquals(Instant.parse("2026-12-06T10:16:43Z"), minute.firstSlice(Instant.parse("2026-12-06T10:17:42.5Z")));
    }

    @Test
    void theHistoryIsKeptPerClockHour() {
        assertEquals(Instant.parse("2026-12-06T10:00:00Z"), RateWindow.hourOf(Instant.parse("2026-12-06T10:59:59Z")));
    }
}
