package org.passerelle.delivery;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.passerelle.spool.QueueId;

/**
 * Moves accepted messages from the {@link DeliveryOutbox} onto the delivery queue: woken after each
 * accepting transaction commits, and every second anyway, so rows left by a crash between commit
 * and wake-up (or written by another node) are queued too. A batch is sent in one local JMS
 * transaction and then removed from the outbox: at least once, with no two-resource transaction
 * whose recovery a restart would wait for.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class.getName());
    private static final int BATCH = 200;
    private static final long IDLE_SECONDS = 1;

    @Resource
    private ManagedThreadFactory threads;

    @EJB
    private DeliveryOutbox outbox;

    @EJB
    private DeliveryQueue deliveryQueue;

    private final Semaphore work = new Semaphore(0);
    private volatile boolean running = true;
    private Thread sweeper;

    @PostConstruct
    void start() {
        sweeper = threads.newThread(this::sweep);
        sweeper.setName("passerelle-outbox-sweeper");
        sweeper.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        sweeper.interrupt();
        sweeper.join(TimeUnit.SECONDS.toMillis(10));
    }

    public void wake() {
        work.release();
    }

    private void sweep() {
        while (running) {
            try {
                work.tryAcquire(IDLE_SECONDS, TimeUnit.SECONDS);
                work.drainPermits();
                List<QueueId> waiting;
                do {
                    waiting = outbox.waiting(BATCH);
                    if (!waiting.isEmpty()) {
                        deliveryQueue.enqueueNow(waiting);
                        outbox.remove(waiting);
                    }
                } while (running && waiting.size() == BATCH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database or the broker is away; the rows stay in the outbox for the next round
                LOG.log(Level.WARNING, "moving the delivery outbox to the queue failed: " + e);
            }
        }
    }
}
