package org.passerelle.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HopCounterTest {

    private static InputStream message(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String received(int hops) {
        return "Received: from a.example.test\r\n\tby b.example.test; Mon, 23 Nov 2026 12:00:00 +0100\r\n".repeat(hops);
    }

    @Test
    void countsTheReceivedFieldsOfTheHeaderWhateverTheirCase() throws Exception {
        String header = "received: from x\r\nSubject: Received: not a field\r\nRECEIVED: from y\r\n" + received(3);
        assertEquals(5, new HopCounter(30).count(message(header + "\r\nReceived: in the body\r\n")));
    }

    @Test
    void aFoldedReceivedFieldCountsOnce() throws Exception {
        assertEquals(1, new HopCounter(30).count(message("Received: from a\r\n by b\r\n for <c@d>;\r\n date\r\n\r\nbody\r\n")));
    }

    @Test
    void aMessageAtTheLimitPasses() throws Exception {
        assertTrue(new HopCounter(30).check(message(received(30) + "\r\nbody\r\n")).isEmpty());
    }

    @Test
    void aMessageOverTheLimitIsALoop() throws Exception {
        RouteFailure failure = new HopCounter(30).check(message(received(31) + "\r\nbody\r\n")).orElseThrow();
        assertEquals(554, failure.code());
        assertEquals("5.4.6", failure.status());
        assertTrue(failure.permanent());
        assertTrue(failure.text().contains("31 Received headers"), failure.text());
    }

    @Test
    void readsABoundedPartOfAHeaderThatNeverEnds() throws Exception {
        // 10,000 fields of 81 octets: more than the 256 KiB read, so only the first ones count
        int counted = new HopCounter(30).count(message(received(10_000)));
        assertTrue(counted > 1000 && counted < 10_000, "counted " + counted);
    }

    @Test
    void theLimitIsPositive() {
        assertThrows(IllegalArgumentException.class, () -> new HopCounter(0));
    }
}
