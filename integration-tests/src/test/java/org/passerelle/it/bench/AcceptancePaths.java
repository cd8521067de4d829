package org.passerelle.it.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;

/**
 * The ways a message could be made durable before {@code 250}, each one container transaction on
 * the server's own resources (the local-transaction PostgreSQL datasource, Artemis through the XA
 * connection factory). Each writes what accepting needs: the envelope row, a recipient row, the
 * content, and a queue entry, but into probe tables and a probe queue, so that nothing is delivered.
 */
@Stateless
@JMSDestinationDefinition(name = "java:global/jms/AcceptanceProbe", interfaceName = "jakarta.jms.Queue",
        destinationName = "AcceptanceProbe")
public class AcceptancePaths {

    /** An acceptance path under measurement. */
    public enum Path {
        /** Passerelle's: content in PostgreSQL, the id on the queue; two resources (Artemis XA + PostgreSQL last). */
        POSTGRESQL_CONTENT_QUEUED_ID,
        /** The content in the JMS message, the envelope in PostgreSQL; two resources. */
        JMS_CONTENT,
        /** Everything in PostgreSQL with an outbox row; one resource; a sweeper queues outbox rows in batches. */
        POSTGRESQL_OUTBOX,
        /** Everything in the JMS message, tracked later by its consumer; one resource. */
        JMS_ONLY
    }

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource database;

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    private JMSContext jms;

    @Resource(lookup = "java:global/jms/AcceptanceProbe")
    private Queue probe;

    public void createTables() throws SQLException {
        try (Connection connection = database.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("drop table if exists probe_recipient, probe_content, probe_outbox, probe_message");
            ddl.execute("create table probe_message (queue_id varchar(32) primary key, received_at timestamptz not null, "
                    + "listener varchar(16), client varchar(64), helo varchar(255), application varchar(64), "
                    + "sender varchar(512), message_id varchar(998), size_bytes bigint)");
            ddl.execute("create table probe_recipient (queue_id varchar(32) not null, address varchar(512) not null, state varchar(16))");
            ddl.execute("create table probe_content (queue_id varchar(32) primary key, content bytea not null)");
            ddl.execute("create table probe_outbox (queue_id varchar(32) primary key)");
        }
    }

    public void accept(Path path, byte[] content) throws SQLException {
        String id = UUID.randomUUID().toString().replace("-", "");
        switch (path) {
            case POSTGRESQL_CONTENT_QUEUED_ID -> {
                writeRows(id, content, true, false);
                jms.createProducer().send(probe, id);
            }
            case JMS_CONTENT -> {
                writeRows(id, content, false, false);
                jms.createProducer().send(probe, content);
            }
            case POSTGRESQL_OUTBOX -> writeRows(id, content, true, true);
            case JMS_ONLY -> {
                BytesMessage message = jms.createBytesMessage();
                try {
                    message.setStringProperty("sender", "billing@managed.test");
                    message.setStringProperty("recipients", "user@example.org");
                    message.writeBytes(content);
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
                jms.createProducer().send(probe, message);
            }
        }
    }

    /** Moves up to {@code batch} outbox rows onto the probe queue in one transaction; how many it moved. */
    public int sweepOutbox(int batch) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select queue_id from probe_outbox limit ? for update skip locked")) {
            select.setInt(1, batch);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from probe_outbox where queue_id = any (?)")) {
                delete.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                delete.executeUpdate();
            }
        }
        ids.forEach(id -> jms.createProducer().send(probe, id));
        return ids.size();
    }

    private void writeRows(String id, byte[] content, boolean withContent, boolean withOutbox) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement message = connection.prepareStatement("insert into probe_message values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                message.setString(1, id);
                message.setTimestamp(2, Timestamp.from(Instant.now()));
                message.setString(3, "relay");
                message.setString(4, "127.0.0.1");
                message.setString(5, "app.managed.test");
                message.setString(6, "billing");
                message.setString(7, "billing@managed.test");
                message.setString(8, "<" + id + "@billing.managed.test>");
                message.setLong(9, content.length);
                message.executeUpdate();
            }
            try (PreparedStatement recipient = connection.prepareStatement("insert into probe_recipient values (?, ?, 'QUEUED')")) {
                recipient.setString(1, id);
                recipient.setString(2, "user@example.org");
                recipient.executeUpdate();
            }
            if (withContent) {
                try (PreparedStatement stored = connection.prepareStatement("insert into probe_content values (?, ?)")) {
                    stored.setString(1, id);
                    stored.setBytes(2, content);
                    stored.executeUpdate();
                }
            }
            if (withOutbox) {
                try (PreparedStatement outbox = connection.prepareStatement("insert into probe_outbox values (?)")) {
                    outbox.setString(1, id);
                    outbox.executeUpdate();
                }
            }
        }
    }
}
