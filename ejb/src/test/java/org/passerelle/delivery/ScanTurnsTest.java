package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ScanTurnsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void oneWorkerScansPerIntervalHoweverManyAsk() {
        ScanTurns turns = new ScanTurns(Duration.ofSeconds(1), 0);
        assertTrue(turns.take(0), "the first scan comes at once");
        assertFalse(turns.take(1), "nobody else in the same interval");
        assertFalse(turns.take(SECOND - 1));
        assertTrue(turns.take(SECOND));
        assertFalse(turns.take(SECOND));
    }

    @Test
    void aRoundPutsTheNextScanAnIntervalAfterIt() {
        ScanTurns turns = new ScanTurns(Duration.ofSeconds(1), 0);
        assertTrue(turns.take(0));
        turns.looked(SECOND / 2);
        assertFalse(turns.take(SECOND), "the database was looked at half a second ago");
        assertTrue(turns.take(SECOND + SECOND / 2));
    }

    @Test
    void aRoundNeverBringsTheNextScanForward() {
        ScanTurns turns = new ScanTurns(Duration.ofSeconds(1), 0);
        turns.looked(5 * SECOND);
        turns.looked(2 * SECOND);
        assertFalse(turns.take(5 * SECOND + SECOND / 2));
        assertTrue(turns.take(6 * SECOND));
    }

    @Test
    void twentyWorkersAskingAtOnceMakeOneScan() throws InterruptedException {
        ScanTurns turns = new ScanTurns(Duration.ofSeconds(1), 0);
        AtomicInteger scans = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Thread> workers = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 20; i++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (turns.take(SECOND)) {
                    scans.incrementAndGet();
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(1, scans.get());
    }
}
