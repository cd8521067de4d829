package org.passerelle.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.passerelle.delivery.DueMessages;

/**
 * The nodes' heartbeats ({@code cluster_node}, migration V29), with plain JDBC on the caller's
 * connection and transaction.
 */
final class NodeTable {

    /** A node boot taken for dead, and how many of its delivery claims were released. */
    record Reaped(String nodeId, String boot, int released) {
    }

    private final Connection db;

    NodeTable(Connection db) {
        this.db = db;
    }

    /**
     * Registers this boot of the node, in place of any earlier one.
     *
     * @return whether an earlier boot of the same node id was still alive (a quick restart, or two nodes sharing the id)
     */
    boolean register(String nodeId, String boot, Instant now, Instant deadBefore) throws SQLException {
        boolean alive;
        try (PreparedStatement select = db.prepareStatement("select boot from cluster_node where node_id = ? and heartbeat_at >= ?")) {
            select.setString(1, nodeId);
            select.setObject(2, utc(deadBefore));
            try (ResultSet row = select.executeQuery()) {
                alive = row.next() && !boot.equals(row.getString(1));
            }
        }
        try (PreparedStatement delete = db.prepareStatement("delete from cluster_node where node_id = ?")) {
            delete.setString(1, nodeId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = db.prepareStatement("insert into cluster_node (node_id, boot, started_at, heartbeat_at) values (?, ?, ?, ?)")) {
            insert.setString(1, nodeId);
            insert.setString(2, boot);
            insert.setObject(3, utc(now));
            insert.setObject(4, utc(now));
            insert.executeUpdate();
        }
        return alive;
    }

    /** @return false when this boot's row is gone: another node took it for dead */
    boolean beat(String nodeId, String boot, Instant now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update cluster_node set heartbeat_at = ? where node_id = ? and boot = ?")) {
            update.setObject(1, utc(now));
            update.setString(2, nodeId);
            update.setString(3, boot);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Deletes the nodes whose last heartbeat is older than {@code deadBefore} and releases their
     * delivery claims (only theirs: the token starts with the dead boot's prefix). Rows another
     * node is reaping at the same time are skipped.
     */
    List<Reaped> reap(Instant deadBefore) throws SQLException {
        List<String[]> dead = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select node_id, boot from cluster_node where heartbeat_at < ? for update skip locked")) {
            select.setObject(1, utc(deadBefore));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    dead.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        List<Reaped> reaped = new ArrayList<>();
        for (String[] node : dead) {
            try (PreparedStatement delete = db.prepareStatement("delete from cluster_node where node_id = ? and boot = ?")) {
                delete.setString(1, node[0]);
                delete.setString(2, node[1]);
                delete.executeUpdate();
            }
            reaped.add(new Reaped(node[0], node[1], DueMessages.dropClaims(db, NodeIdentity.claimPrefix(node[0], node[1]))));
        }
        return reaped;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
