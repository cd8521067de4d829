package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.passerelle.spool.QueueId;

/**
 * Accepted messages on their way to the delivery queue. Accepting writes only to PostgreSQL (an
 * outbox row beside the message), one local commit, instead of a two-resource transaction with
 * Artemis, which the acceptance-path benchmark measured at a fraction of the rate; the
 * {@link OutboxSweeper} then moves rows onto the JMS queue many at a time.
 */
@Stateless
public class DeliveryOutbox {

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private DeliveryQueue deliveryQueue;

    @EJB
    private OutboxSweeper sweeper;

    /** Joins the caller's transaction; once it commits, the sweeper is woken to queue the message. */
    public void add(QueueId id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into delivery_outbox (queue_id) values (?)")) {
            insert.setString(1, id.value());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("putting message " + id + " in the outbox failed", e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    sweeper.wake();
                }
            }
        });
    }

    /**
     * Moves up to {@code limit} messages from the outbox onto the delivery queue, in one transaction
     * (rows another node is moving are skipped); how many it moved.
     */
    public int moveToQueue(int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select queue_id from delivery_outbox order by queue_id limit ? for update skip locked")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from delivery_outbox where queue_id = ?")) {
                for (String id : ids) {
                    delete.setString(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the delivery outbox failed", e);
        }
        ids.forEach(id -> deliveryQueue.enqueue(new QueueId(id), Duration.ZERO));
        return ids.size();
    }
}
