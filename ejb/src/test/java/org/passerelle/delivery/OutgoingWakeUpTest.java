package org.passerelle.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.JMSRuntimeException;

import org.junit.jupiter.api.Test;

class OutgoingWakeUpTest {

    /** An executor that runs its tasks when the test says. */
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<RuntimeException> failures = new ArrayList<>();

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void requestsWhileOneWaitsGiveOneWakeUp() {
        OutgoingWakeUp wakeUp = new OutgoingWakeUp(tasks::add, sent::incrementAndGet, failures::add);
        wakeUp.request();
        wakeUp.request();
        wakeUp.request();
        assertEquals(0, sent.get(), "not sent on the caller's thread");
        runTasks();
        assertEquals(1, sent.get());

        wakeUp.request();
        runTasks();
        assertEquals(2, sent.get(), "a request after the send gets a wake-up of its own");
    }

    @Test
    void aRequestDuringTheSendGetsAnotherWakeUp() {
        OutgoingWakeUp[] holder = new OutgoingWakeUp[1];
        holder[0] = new OutgoingWakeUp(tasks::add, () -> {
            if (sent.incrementAndGet() == 1) {
                holder[0].request(); // a change committed while the first wake-up is on its way
            }
        }, failures::add);
        holder[0].request();
        runTasks();
        assertEquals(2, sent.get());
    }

    @Test
    void aFailedSendIsReportedNotThrownAndTheNextRequestSendsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        OutgoingWakeUp wakeUp = new OutgoingWakeUp(tasks::add, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new JMSRuntimeException("AMQ219010: Connection is destroyed");
            }
        }, failures::add);
        wakeUp.request();
        runTasks();
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).getMessage().contains("AMQ219010"));

        wakeUp.request();
        runTasks();
        assertEquals(2, attempts.get(), "the broker is back: sent");
        assertEquals(1, failures.size());
    }

    @Test
    void aRefusingExecutorIsReportedAndDoesNotBlockLaterRequests() {
        AtomicInteger offered = new AtomicInteger();
        OutgoingWakeUp wakeUp = new OutgoingWakeUp(task -> {
            if (offered.incrementAndGet() == 1) {
                throw new RejectedExecutionException("shutting down");
            }
            tasks.add(task);
        }, sent::incrementAndGet, failures::add);
        wakeUp.request();
        assertEquals(1, failures.size());
        wakeUp.request();
        runTasks();
        assertEquals(1, sent.get());
    }
}
