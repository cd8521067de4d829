package org.passerelle.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import jakarta.inject.Inject;

import org.passerelle.cluster.NodeHeartbeat;
import org.passerelle.cluster.NodeIdentity;


/**
 * The delivery workers of this node. Each works in rounds: claim a batch of due messages
 * ({@link DeliveryClaims}), then part by part deliver them ({@link MessageDelivery}) and record
 * the part in one transaction ({@link AttemptRecorder}). A round claims the messages accepted here
 * by their ids ({@link DeliveryWakeUps}); it also scans for due messages when asked (a wake-up from
 * the delivery queue, an operator's retry) and once per scan interval per node ({@link ScanTurns}),
 * busy or not, which finds deferred messages come due and work that other nodes left. A worker
 * whose batch was full goes on at once, and wakes another; otherwise it waits for a wake-up or
 * for the scan interval. After a
 * wake-up it lets the batch gather for the batch wait, and the wake-ups meanwhile wake nobody else,
 * so that a busy queue is delivered in batches rather than one message per round.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "NodeHeartbeat"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class.getName());
    /** How often an idle worker looks for due messages by itself. */
    private static final Duration SCAN = Duration.ofSeconds(1);
    /**
     * Messages delivered, then recorded, at a time within a round: a node killed in the middle of a
     * round delivers again, after its restart, at most this many per worker.
     */
    private static final int PART = 10;

    @Resource
    private ManagedThreadFactory threads;

    @EJB
    private DeliveryClaims claims;

    @EJB
    private MessageDelivery delivery;

    @EJB
    private AttemptRecorder recorder;

    @EJB
    private NodeHeartbeat heartbeat;

    @Inject
    private DeliveryWakeUps wakeUps;

    @Inject
    private NodeIdentity node;

    private final AtomicLong rounds = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private DeliverySettings settings;
    private String claimPrefix;
    private ScanTurns scans;

    @PostConstruct
    void start() {
        settings = DeliverySettings.fromServer();
        int dropped = claims.dropClaimsOf(NodeIdentity.anyBoot(node.nodeId()));
        if (dropped > 0) {
            LOG.info(() -> dropped + " messages claimed before this node restarted are due again");
        }
        claimPrefix = node.claimPrefix();
        scans = new ScanTurns(SCAN, System.nanoTime());
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = threads.newThread(this::work);
            worker.setName("passerelle-delivery-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    /** How many of this node's delivery workers are no longer running (a thread that died of an error). */
    public long stoppedWorkers() {
        return workers.stream().filter(worker -> !worker.isAlive()).count();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void work() {
        boolean more = false;
        while (running) {
            try {
                boolean woken = more || wakeUps.await(SCAN, settings.batchWait());
                // a scan when asked for, and once per interval per node even while every round is busy with accepted messages
                boolean scan = wakeUps.takeScanAsked() | scans.take(System.nanoTime());
                if (!woken && !scan) {
                    continue;
                }
                more = round(scan);
                if (scan) {
                    scans.looked(System.nanoTime());
                }
                if (more) {
                    // more may be due: another worker claims beside this one, and scans on if this round did
                    if (scan) {
                        wakeUps.wake();
                    } else {
                        wakeUps.more();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: what was claimed lapses with its lease, and is claimed again
                LOG.log(Level.WARNING, "a delivery round failed: " + e);
                more = false;
            }
        }
    }

    /**
     * @param scan whether the round also scans for due messages, besides claiming those accepted here
     * @return whether more may be due: the round took as many as it could. Nothing is claimed while this node's
     *         heartbeat is late (the others may soon take it for dead)
     */
    private boolean round(boolean scan) {
        if (!heartbeat.mayClaim()) {
            return false;
        }
        // a scanning round leaves half its batch to the scan, so that accepted messages never crowd out the due ones
        int acceptedLimit = scan ? settings.batchSize() / 2 : settings.batchSize();
        List<String> accepted = wakeUps.takeAccepted(acceptedLimit);
        if (accepted.isEmpty() && !scan) {
            return false;
        }
        DueMessages.Wanted wanted = new DueMessages.Wanted(accepted, scan ? settings.batchSize() - accepted.size() : 0);
        String token = claimPrefix + rounds.incrementAndGet();
        int claimed = 0;
        for (ClaimedPart part : claims.claim(token, wanted, settings.lease(), settings.crashLimit(), PART)) {
            record(part.token(), delivery.deliver(part.messages()));
            claimed += part.messages().size();
        }
        return !accepted.isEmpty() && accepted.size() == acceptedLimit || claimed == settings.batchSize();
    }

    /**
     * Records the round; if that fails, each message on its own, so that one message that cannot be
     * recorded does not take the others with it (its claim lapses and it is tried again).
     */
    private void record(String token, List<MessageAttempt> round) {
        try {
            recorder.record(token, round);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording a delivery round failed, recording its messages one by one: " + e);
            for (MessageAttempt attempt : round) {
                try {
                    recorder.record(token, List.of(attempt));
                } catch (RuntimeException again) {
                    LOG.log(Level.WARNING, attempt.queueId() + ": recording the attempt failed; it is made again when the claim lapses", again);
                }
            }
        }
    }
}
