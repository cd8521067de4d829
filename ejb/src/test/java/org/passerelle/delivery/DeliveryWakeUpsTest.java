package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.passerelle.spool.QueueId;

class DeliveryWakeUpsTest {

    private final DeliveryWakeUps wakeUps = new DeliveryWakeUps();

    @Test
    void theMessagesAcceptedHereAreTakenInTheirOrderABatchAtATimeWithoutAScan() throws InterruptedException {
        List<String> ids = Stream.generate(QueueId::next).limit(5).map(QueueId::value).toList();
        ids.forEach(id -> wakeUps.accepted(new QueueId(id)));

        assertTrue(wakeUps.await(Duration.ofMillis(10), Duration.ZERO), "an accepted message wakes a worker");
        assertEquals(ids.subList(0, 3), wakeUps.takeAccepted(3));
        assertEquals(ids.subList(3, 5), wakeUps.takeAccepted(3));
        assertEquals(List.of(), wakeUps.takeAccepted(3));
        assertFalse(wakeUps.takeScanAsked(), "the ids are enough");
    }

    @Test
    void aWakeUpAsksForOneScan() throws InterruptedException {
        wakeUps.wake();

        assertTrue(wakeUps.await(Duration.ofMillis(10), Duration.ZERO));
        assertTrue(wakeUps.takeScanAsked());
        assertFalse(wakeUps.takeScanAsked(), "one scan answers every wake-up before it");
    }

    @Test
    void acceptedMessagesBeyondWhatWaitsAreLeftToTheScan() {
        for (int i = 0; i < 10_001; i++) {
            wakeUps.accepted(QueueId.next());
        }

        assertTrue(wakeUps.takeScanAsked(), "the last one did not fit");
        assertEquals(10_000, wakeUps.takeAccepted(20_000).size());
    }
}
