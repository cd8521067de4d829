package org.passerelle.smtp.client.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.protocol.SmtpClientSession;

/**
 * The open SMTP client connections, by next hop: at most so many to one next hop and so many in
 * all; a delivery waits a bounded time for one. A connection given back is kept for reuse, most
 * recently used first, so that extra ones fall idle and are closed with QUIT after the idle time,
 * as is one that has carried its share of transactions. When the overall limit is reached, the
 * longest idle connection to another next hop makes room.
 */
public final class NextHopPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NextHopPool.class.getName());

    /** A connection to reuse, or, without one, the right to open a connection to the next hop. */
    public record Lease(NextHop hop, SmtpClientSession session) {

        public boolean reused() {
            return session != null;
        }
    }

    private record Idle(SmtpClientSession session, long sinceNanos) {
    }

    /** One next hop's connections: {@code open} counts idle ones, busy ones and those being opened. */
    private static final class Hop {
        private int open;
        private final Deque<Idle> idle = new ArrayDeque<>();
    }

    private final PoolSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final Map<NextHop, Hop> hops = new HashMap<>();
    private final Set<SmtpClientSession> busy = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchman;
    private int open;
    private boolean closed;

    public NextHopPool(PoolSettings settings) {
        this.settings = settings;
        watchman = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smtp-client-pool");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(1000, settings.idleTimeout().toMillis() / 2));
        watchman.scheduleWithFixedDelay(this::watch, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * An idle connection to the next hop that the caller can use, or the right to open one, as
     * soon as the limits allow; empty when the connection wait runs out first.
     */
    public Optional<Lease> borrow(NextHop hop, Predicate<SmtpClientSession> usable) throws InterruptedException {
        long deadline = System.nanoTime() + settings.connectionWait().toNanos();
        List<SmtpClientSession> evicted = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the SMTP client is stopped");
                }
                Hop pool = hops.computeIfAbsent(hop, key -> new Hop());
                SmtpClientSession reusable = takeIdle(pool, usable);
                if (reusable != null) {
                    busy.add(reusable);
                    return Optional.of(new Lease(hop, reusable));
                }
                if (pool.open < settings.nextHopConnectionLimit() && open < settings.connectionLimit()) {
                    pool.open++;
                    open++;
                    return Optional.of(new Lease(hop, null));
                }
                // Room for a new connection: the oldest idle one anywhere when only the overall limit
                // is reached, else one of this next hop's own that cannot serve this delivery.
                Optional<Idle> victim = pool.open < settings.nextHopConnectionLimit() ? oldestIdle()
                        : Optional.ofNullable(pool.idle.peekLast());
                if (victim.isPresent()) {
                    evicted.add(remove(victim.get()));
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    forgetIfUnused(hop, pool);
                    return Optional.empty();
                }
                freed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
            evicted.forEach(SmtpClientSession::quit);
        }
    }

    /** The session opened under a lease that came without one. */
    public void opened(SmtpClientSession session) {
        busy.add(session);
    }

    /** Gives up a lease whose connection could not be opened. */
    public void abandon(NextHop hop) {
        lock.lock();
        try {
            if (!closed) {
                free(hop);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives a session back after a transaction (reset by the caller): kept for reuse, or closed
     * when it broke, has carried its share of transactions, or the pool is closed.
     */
    public void release(SmtpClientSession session) {
        boolean keep;
        lock.lock();
        try {
            busy.remove(session);
            keep = !closed && session.usable() && session.transactions() < settings.reuseLimit();
            if (keep) {
                hops.get(session.hop()).idle.push(new Idle(session, System.nanoTime()));
                freed.signalAll();
            } else if (!closed) {
                free(session.hop());
            }
        } finally {
            lock.unlock();
        }
        if (!keep) {
            session.quit();
        }
    }

    @Override
    public void close() {
        List<SmtpClientSession> idle = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            hops.values().forEach(pool -> pool.idle.forEach(entry -> idle.add(entry.session())));
            hops.clear();
            open = 0;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        watchman.shutdownNow();
        idle.forEach(SmtpClientSession::quit);
        busy.forEach(SmtpClientSession::close);
    }

    private static SmtpClientSession takeIdle(Hop pool, Predicate<SmtpClientSession> usable) {
        for (Iterator<Idle> it = pool.idle.iterator(); it.hasNext(); ) {
            SmtpClientSession session = it.next().session();
            if (usable.test(session)) {
                it.remove();
                return session;
            }
        }
        return null;
    }

    private Optional<Idle> oldestIdle() {
        return hops.values().stream()
                .map(pool -> pool.idle.peekLast())
                .filter(idle -> idle != null)
                .min(Comparator.comparingLong(Idle::sinceNanos));
    }

    private SmtpClientSession remove(Idle idle) {
        hops.get(idle.session().hop()).idle.remove(idle);
        free(idle.session().hop());
        return idle.session();
    }

    private void free(NextHop hop) {
        Hop pool = hops.get(hop);
        pool.open--;
        open--;
        forgetIfUnused(hop, pool);
        freed.signalAll();
    }

    private void forgetIfUnused(NextHop hop, Hop pool) {
        if (pool.open == 0) {
            hops.remove(hop);
        }
    }

    /** Closes idle connections past their time, and aborts busy ones stuck in a write. */
    private void watch() {
        try {
            long now = System.nanoTime();
            busy.forEach(session -> session.abortIfStalled(now));
            List<SmtpClientSession> expired = new ArrayList<>();
            lock.lock();
            try {
                for (Hop pool : List.copyOf(hops.values())) {
                    while (!pool.idle.isEmpty() && now - pool.idle.peekLast().sinceNanos() > settings.idleTimeout().toNanos()) {
                        expired.add(remove(pool.idle.peekLast()));
                    }
                }
            } finally {
                lock.unlock();
            }
            expired.forEach(SmtpClientSession::quit);
        } catch (RuntimeException e) {
            // a failure here must not end the watch: the next round tries again
            LOG.log(Level.WARNING, "SMTP client pool watch failed", e);
        }
    }
}
