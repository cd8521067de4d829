package org.passerelle.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * {@link OutboxSweeper} then puts rows on the JMS queue many at a time, and removes them after.
 */
@Stateless
public class DeliveryOutbox {

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private TransactionSynchronizationRegistry transactions;

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

    /** Up to {@code limit} messages waiting in the outbox, oldest queue ids first. */
    public List<QueueId> waiting(int limit) {
        List<QueueId> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select queue_id from delivery_outbox order by queue_id limit ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(new QueueId(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the delivery outbox failed", e);
        }
        return ids;
    }

    /** Takes messages out of the outbox once they are on the delivery queue. */
    public void remove(List<QueueId> ids) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from delivery_outbox where queue_id = ?")) {
            for (QueueId id : ids) {
                delete.setString(1, id.value());
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("emptying the delivery outbox failed", e);
        }
    }
}
