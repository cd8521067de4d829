package org.passerelle.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The wake-up this node is about to send to the delivery queue, apart from any transaction: at
 * most one waits for its turn, since a wake-up sent after a change covers every change committed
 * before the workers it wakes look. A send that fails (the broker away) is reported and dropped,
 * never thrown: the workers' scan finds the due messages within a second anyway.
 */
final class OutgoingWakeUp {

    private final AtomicBoolean waiting = new AtomicBoolean();
    private final Executor executor;
    private final Runnable send;
    private final Consumer<RuntimeException> failed;

    /**
     * @param executor where the send runs, not on the caller's thread
     * @param send     sends one wake-up; may throw
     * @param failed   told of a send that failed or could not be started
     */
    OutgoingWakeUp(Executor executor, Runnable send, Consumer<RuntimeException> failed) {
        this.executor = executor;
        this.send = send;
        this.failed = failed;
    }

    /** A wake-up soon, unless one is already waiting to be sent: that one will do. */
    void request() {
        if (waiting.compareAndSet(false, true)) {
            try {
                executor.execute(this::sendOne);
            } catch (RejectedExecutionException e) {
                waiting.set(false);
                failed.accept(e);
            }
        }
    }

    private void sendOne() {
        // cleared first: what commits during the send asks for a wake-up of its own
        waiting.set(false);
        try {
            send.run();
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }
}
