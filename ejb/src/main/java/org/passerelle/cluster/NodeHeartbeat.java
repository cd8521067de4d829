package org.passerelle.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.passerelle.settings.FatalConfiguration;

/**
 * This node's heartbeat, every {@code PSL_NODE_HEARTBEAT_SECONDS}, on every node; then the reaper:
 * the nodes whose heartbeat is older than {@code PSL_NODE_DEAD_SECONDS} are dead, and their
 * delivery claims are released, so that a killed node's messages are delivered by a survivor
 * within a minute rather than when their lease ends. Reaping is idempotent, so every node does it.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

    @Resource
    private TimerService timers;

    @EJB
    private ClusterNodes nodes;

    @Inject
    private NodeIdentity node;

    private final Clock clock = Clock.systemUTC();
    private Liveness liveness;
    private volatile Instant lastBeat;

    @PostConstruct
    void start() {
        try {
            liveness = Liveness.fromServer();
        } catch (IllegalArgumentException e) {
            throw FatalConfiguration.stopServer(LOG, List.of(e.getMessage()));
        }
        register(clock.instant());
        LOG.info(() -> String.format("node %s (boot %s): heartbeat every %d s, other nodes taken for dead after %d s", node.nodeId(),
                node.boot(), liveness.heartbeat().toSeconds(), liveness.deadAfter().toSeconds()));
        long every = liveness.heartbeat().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    @Timeout
    public void beat() {
        Instant now = clock.instant();
        try {
            if (nodes.beat(node.nodeId(), node.boot(), now)) {
                lastBeat = now;
            } else {
                LOG.warning(() -> "node " + node.nodeId() + " was taken for dead (no heartbeat written for " + liveness.deadAfter().toSeconds()
                        + " s): its claims were released, and messages it was delivering may be delivered twice");
                register(now);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "the heartbeat of node " + node.nodeId() + " was not written: " + e.getMessage());
        }
        try {
            for (String dead : nodes.reap(liveness.deadBefore(now))) {
                LOG.warning(() -> "no heartbeat for " + liveness.deadAfter().toSeconds() + " s, taken for dead: " + dead);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "the dead nodes were not reaped, tried again at the next heartbeat: " + e.getMessage());
        }
    }

    /** Whether this node may claim messages now: its heartbeat is recent enough that no other node takes it for dead meanwhile. */
    public boolean mayClaim() {
        return liveness.mayClaim(lastBeat, clock.instant());
    }

    private void register(Instant now) {
        if (nodes.register(node.nodeId(), node.boot(), now, liveness.deadBefore(now))) {
            LOG.warning(() -> "another boot of node " + node.nodeId() + " wrote a heartbeat less than " + liveness.deadAfter().toSeconds()
                    + " s ago: a quick restart, or PSL_NODE_ID shared by two nodes (each node needs its own)");
        }
        lastBeat = now;
    }
}
