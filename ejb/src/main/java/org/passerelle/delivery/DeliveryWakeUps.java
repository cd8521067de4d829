package org.passerelle.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The wake-ups of this node's delivery workers ({@link DeliveryWorkers}): a message accepted
 * here, or a wake-up from the delivery queue. A woken worker lets a batch gather, and the wake-ups
 * meanwhile wake nobody else. A plain CDI bean, not an EJB: every accepted message wakes it, and
 * the EJB interceptor chain cost more than the wake-up.
 */
@ApplicationScoped
public class DeliveryWakeUps {

    private final Semaphore wakeUps = new Semaphore(0);
    /** Whether a woken worker is letting a batch gather: the wake-ups meanwhile are for the batch it will claim. */
    private final AtomicBoolean gathering = new AtomicBoolean();

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** A worker looks for due messages now, unless one is about to (one is enough: it claims a batch). */
    public void wake() {
        if (!gathering.get() && wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Wakes a worker once the caller's transaction has committed what it made due. */
    public void wakeAfterCommit() {
        AfterCommit.run(transactions, this::wake);
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
