package org.passerelle.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.passerelle.spool.QueueId;

/**
 * The wake-ups of this node's delivery workers ({@link DeliveryWorkers}): a message accepted
 * here, whose id the next round claims directly, or a change that only the due scan finds (a
 * wake-up from the delivery queue, an operator's retry). A woken worker lets a batch gather, and
 * the wake-ups meanwhile wake nobody else. A plain CDI bean, not an EJB: every accepted message
 * wakes it, and the EJB interceptor chain cost more than the wake-up.
 */
@ApplicationScoped
public class DeliveryWakeUps {

    /** Accepted messages waiting for a round to claim them by id; beyond that, the scan finds them. */
    private static final int ACCEPTED_WAITING = 10_000;

    private final Semaphore wakeUps = new Semaphore(0);
    /** Whether a woken worker is letting a batch gather: the wake-ups meanwhile are for the batch it will claim. */
    private final AtomicBoolean gathering = new AtomicBoolean();
    private final BlockingQueue<String> accepted = new ArrayBlockingQueue<>(ACCEPTED_WAITING);
    private final AtomicBoolean scanAsked = new AtomicBoolean();

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** A message accepted here is due: a round claims it by its id. */
    public void accepted(QueueId id) {
        if (!accepted.offer(id.value())) {
            scanAsked.set(true);
        }
        more();
    }

    /** As {@link #accepted}, once the caller's transaction has committed the message. */
    public void acceptedAfterCommit(QueueId id) {
        AfterCommit.run(transactions, () -> accepted(id));
    }

    /** Messages may have come due that only the due scan finds: a worker scans now. */
    public void wake() {
        scanAsked.set(true);
        more();
    }

    /** A worker claims now, unless one is about to (one is enough: it claims a batch). */
    void more() {
        if (!gathering.get() && wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Up to {@code max} of the accepted messages waiting, taken for the caller to claim. */
    List<String> takeAccepted(int max) {
        List<String> taken = new ArrayList<>(Math.min(max, accepted.size()));
        accepted.drainTo(taken, max);
        return taken;
    }

    /** @return whether a scan was asked for since the last call (the caller scans) */
    boolean takeScanAsked() {
        return scanAsked.getAndSet(false);
    }

    /**
     * Waits up to {@code scan} for a wake-up; after one, lets the batch gather for {@code batchWait}.
     *
     * @return whether it was woken (false: the scan interval passed)
     */
    boolean await(Duration scan, Duration batchWait) throws InterruptedException {
        if (!wakeUps.tryAcquire(scan.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        gathering.set(true);
        try {
            Thread.sleep(batchWait.toMillis());
        } finally {
            gathering.set(false);
        }
        return true;
    }
}
