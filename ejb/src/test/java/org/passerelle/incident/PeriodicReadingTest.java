package org.passerelle.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeriodicReadingTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

    /** A listener presenting the given certificates (by subject) in turn, or failing; counts the handshakes. */
    private static final class Listener implements PeriodicReading.Reader<String> {
        private final Deque<String> presented;
        private int handshakes;

        Listener(String... presented) {
            this.presented = new ArrayDeque<>(List.of(presented));
        }

        @Override
        public String read() throws IOException {
            handshakes++;
            String next = presented.pop();
            if (next.equals("refused")) {
                throw new IOException("connection refused");
            }
            return next;
        }
    }

    @Test
    void theCertificateIsReadOncePerPeriodAndAgainAfterIt() throws IOException {
        Listener listener = new Listener("CN=old", "CN=renewed");
        PeriodicReading<String> certificate = new PeriodicReading<>(Duration.ofMinutes(60));

        assertEquals("CN=old", certificate.at(NOON, listener));
        assertEquals("CN=old", certificate.at(NOON.plus(Duration.ofMinutes(1)), listener));
        assertEquals("CN=old", certificate.at(NOON.plus(Duration.ofMinutes(59)), listener));
        assertEquals(1, listener.handshakes, "one handshake within the hour");

        assertEquals("CN=renewed", certificate.at(NOON.plus(Duration.ofMinutes(60)), listener), "a renewed certificate is seen after the period");
        assertEquals(2, listener.handshakes);
    }

    @Test
    void aFailedReadingIsNotKeptAndTheNextRunReadsAgain() throws IOException {
        Listener listener = new Listener("refused", "CN=smtp");
        PeriodicReading<String> certificate = new PeriodicReading<>(Duration.ofMinutes(60));

        assertThrows(IOException.class, () -> certificate.at(NOON, listener));
        assertEquals("CN=smtp", certificate.at(NOON.plus(Duration.ofMinutes(1)), listener), "read again at the next run");
        assertEquals(2, listener.handshakes);
    }

    @Test
    void aPeriodOfZeroReadsAtEveryRun() throws IOException {
        Listener listener = new Listener("CN=first", "CN=second");
        PeriodicReading<String> certificate = new PeriodicReading<>(Duration.ZERO);

        assertEquals("CN=first", certificate.at(NOON, listener));
        assertEquals("CN=second", certificate.at(NOON, listener));
    }
}
