package org.passerelle.smtp.adapter;

import java.util.List;

import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.MailSubmission;

/** What a deployment holds of a mail submission connection, from {@code getConnection()} to {@code close()}. */
public class InsideConnectionHandle implements MailSubmission {

    private volatile InsideManagedConnection managed;

    InsideConnectionHandle(InsideManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public String submit(String sender, List<String> recipients, byte[] message) throws MailRefusedException {
        InsideManagedConnection connection = managed;
        if (connection == null) {
            throw new IllegalStateException("mail submission connection closed");
        }
        return connection.submit(sender, recipients, message);
    }

    @Override
    public void close() {
        InsideManagedConnection connection = managed;
        managed = null;
        if (connection != null) {
            connection.closed(this);
        }
    }

    InsideManagedConnection associate(InsideManagedConnection connection) {
        InsideManagedConnection previous = managed;
        managed = connection;
        return previous;
    }

    void invalidate(InsideManagedConnection connection) {
        if (managed == connection) {
            managed = null;
        }
    }
}
