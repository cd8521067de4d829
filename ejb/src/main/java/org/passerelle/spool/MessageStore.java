package org.passerelle.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import javax.sql.DataSource;

/**
 * The content of queued messages, in the database beside their tracking rows. Content is streamed
 * in and out over JDBC rather than held in an entity, so a large message is never a byte array.
 * Every method joins the caller's transaction.
 */
@Stateless
public class MessageStore {

    /** What to do with the content of a message while it is open. */
    @FunctionalInterface
    public interface ContentReader<T> {
        T read(InputStream content) throws IOException;
    }

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    /** The statement that stores a new message's content; the spool sends it with the message's rows. */
    static final String INSERT = "insert into message_content (queue_id, content) values (?, ?)";

    /** Binds {@link #INSERT}'s two parameters from {@code index} on; the content is streamed, not copied. */
    static void bindInsert(PreparedStatement insert, int index, QueueId id, InputStream content, long length) throws SQLException {
        insert.setString(index, id.value());
        insert.setBinaryStream(index + 1, content, length);
    }

    public <T> T read(QueueId id, ContentReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select content from message_content where queue_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("message " + id + " has no stored content");
                }
                try (InputStream content = row.getBinaryStream(1)) {
                    return reader.read(content);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading message " + id + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading message " + id + " failed", e);
        }
    }

    /** The contents of these messages, read whole in one query: for a part of small messages about to be delivered. */
    public Map<QueueId, byte[]> readWhole(Collection<QueueId> ids) {
        Map<QueueId, byte[]> contents = new HashMap<>();
        if (ids.isEmpty()) {
            return contents;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select queue_id, content from message_content where queue_id in ("
                     + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            int i = 1;
            for (QueueId id : ids) {
                select.setString(i++, id.value());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    contents.put(new QueueId(rows.getString(1)), rows.getBytes(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the content of " + ids + " failed", e);
        }
        return contents;
    }

    /** Deletes the content of messages that have left the queue, in one batch. */
    public void delete(List<QueueId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from message_content where queue_id = ?")) {
            for (QueueId id : ids) {
                delete.setString(1, id.value());
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting the content of " + ids + " failed", e);
        }
    }
}
