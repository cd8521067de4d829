package org.passerelle.cluster;

import java.time.Duration;
import java.time.Instant;

import org.passerelle.settings.Setting;

/**
 * When a node is alive: it writes its heartbeat every {@code heartbeat}, and a node whose heartbeat
 * is older than {@code deadAfter} is dead; its delivery claims and unfinished job periods go to
 * the survivors. A node that could not write its own heartbeat for nearly that long claims no more
 * messages: by the time the others take it for dead, it holds no claim made since.
 */
public record Liveness(Duration heartbeat, Duration deadAfter) {

    public Liveness {
        if (heartbeat.toSeconds() < 1) {
            throw new IllegalArgumentException("PSL_NODE_HEARTBEAT_SECONDS must be at least 1, not " + heartbeat.toSeconds());
        }
        if (deadAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("PSL_NODE_DEAD_SECONDS (" + deadAfter.toSeconds() + ") must be at least three heartbeats ("
                    + heartbeat.multipliedBy(3).toSeconds() + " s): a late heartbeat would make a live node look dead");
        }
    }

    public static Liveness fromServer() {
        return new Liveness(Setting.seconds("psl.node.heartbeat-seconds"), Setting.seconds("psl.node.dead-seconds"));
    }

    /** Heartbeats written before this instant are those of dead nodes. */
    public Instant deadBefore(Instant now) {
        return now.minus(deadAfter);
    }

    /**
     * Whether a node whose last heartbeat written is {@code lastBeat} may claim messages now: not
     * when the others could take it for dead before its next heartbeat.
     */
    public boolean mayClaim(Instant lastBeat, Instant now) {
        return lastBeat != null && lastBeat.isAfter(now.minus(deadAfter.minus(heartbeat)));
    }
}
