package org.passerelle.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The nodes' heartbeats ({@link NodeTable}), each change in a transaction of its own: a node
 * registers at start and beats; any node reaps the dead ones, releasing their delivery claims in
 * the same transaction, so that the survivors deliver those messages.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterNodes {

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    /** @return whether an earlier boot of the same node id was still alive */
    public boolean register(String nodeId, String boot, Instant now, Instant deadBefore) {
        try (Connection db = dataSource.getConnection()) {
            return new NodeTable(db).register(nodeId, boot, now, deadBefore);
        } catch (SQLException e) {
            throw new IllegalStateException("registering node " + nodeId + " failed", e);
        }
    }

    /** @return false when this boot's row is gone: another node took it for dead */
    public boolean beat(String nodeId, String boot, Instant now) {
        try (Connection db = dataSource.getConnection()) {
            return new NodeTable(db).beat(nodeId, boot, now);
        } catch (SQLException e) {
            throw new IllegalStateException("the heartbeat of node " + nodeId + " was not written", e);
        }
    }

    /** @return each node boot taken for dead now (heartbeat before {@code deadBefore}), with the number of its claims released */
    public List<String> reap(Instant deadBefore) {
        try (Connection db = dataSource.getConnection()) {
            return new NodeTable(db).reap(deadBefore).stream()
                    .map(dead -> String.format("node %s (boot %s), %d delivery claims released", dead.nodeId(), dead.boot(), dead.released()))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException("reaping the dead nodes failed", e);
        }
    }
}
