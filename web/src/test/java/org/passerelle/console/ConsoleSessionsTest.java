package org.passerelle.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    @Test
    void theSettingsMinutesWithinADay() {
        assertEquals(5, ConsoleSessions.minutes("5"));
        assertEquals(1440, ConsoleSessions.minutes(" 1440 "));
    }

    @Test
    void anythingElseIsTheDefaultHalfHour() {
        assertEquals(30, ConsoleSessions.minutes(null));
        assertEquals(30, ConsoleSessions.minutes("0"));
        assertEquals(30, ConsoleSessions.minutes("1441"));
        assertEquals(30, ConsoleSessions.minutes("ten"));
    }
}
