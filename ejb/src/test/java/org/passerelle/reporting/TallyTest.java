package org.passerelle.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void noCountAddedWhileTheTallyIsDrainedIsLost() throws InterruptedException {
        Tally<String> tally = new Tally<>();
        int threads = 4;
        int each = 200_000;
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread adder = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    tally.add("billing");
                }
                done.countDown();
            });
            adders.add(adder);
            adder.start();
        }
        long written = 0;
        while (done.getCount() > 0) {
            written += tally.drain().getOrDefault("billing", 0L);
        }
        written += tally.drain().getOrDefault("billing", 0L);
        for (Thread adder : adders) {
            adder.join();
        }
        assertEquals((long) threads * each, written);
    }

    @Test
    void countsPutBackAreDrainedWithThoseAddedSince() {
        Tally<String> tally = new Tally<>();
        tally.add("billing", 4096);
        Map<String, Long> unwritten = tally.drain();
        tally.add("billing", 100);
        tally.restore(unwritten);
        assertEquals(4196, tally.of("billing"));
        assertEquals(Map.of("billing", 4196L), tally.drain());
        assertEquals(0, tally.of("billing"));
    }
}
