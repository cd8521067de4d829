package org.passerelle.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class MailDateTest {

    @Test
    void writesTheSecondAndTheOffsetOfEachDateEvenWhenTheLastOneIsKept() {
        ZonedDateTime paris = ZonedDateTime.parse("2026-11-23T10:15:30+01:00");
        assertEquals("Mon, 23 Nov 2026 10:15:30 +0100", MailDate.format(paris));
        assertEquals("Mon, 23 Nov 2026 10:15:30 +0100", MailDate.format(paris.plusNanos(900_000_000)), "same second");
        assertEquals("Mon, 23 Nov 2026 09:15:30 +0000", MailDate.format(paris.withZoneSameInstant(ZoneOffset.UTC)),
                "same instant, another offset");
        assertEquals("Mon, 23 Nov 2026 10:15:31 +0100", MailDate.format(paris.plusSeconds(1)));
    }
}
