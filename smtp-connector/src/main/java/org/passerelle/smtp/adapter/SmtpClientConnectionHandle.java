package org.passerelle.smtp.adapter;

import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.TlsPolicy;

/** What a caller holds of a managed connection, from {@code getConnection()} to {@code close()}. */
public class SmtpClientConnectionHandle implements SmtpClientConnection {

    private volatile SmtpClientManagedConnection managed;

    SmtpClientConnectionHandle(SmtpClientManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public DeliveryResult deliver(NextHop hop, MailTransaction transaction) {
        SmtpClientManagedConnection connection = managed();
        return connection.deliver(hop, transaction, connection.defaultTls());
    }

    @Override
    public DeliveryResult deliver(NextHop hop, MailTransaction transaction, TlsPolicy tls) {
        return managed().deliver(hop, transaction, tls);
    }

    @Override
    public void close() {
        SmtpClientManagedConnection connection = managed;
        managed = null;
        if (connection != null) {
            connection.closed(this);
        }
    }

    /** Moves this handle to another managed connection; returns the one it had. */
    SmtpClientManagedConnection associate(SmtpClientManagedConnection connection) {
        SmtpClientManagedConnection previous = managed;
        managed = connection;
        return previous;
    }

    /** The container took the managed connection back: this handle is closed, unless it has moved on. */
    void invalidate(SmtpClientManagedConnection connection) {
        if (managed == connection) {
            managed = null;
        }
    }

    private SmtpClientManagedConnection managed() {
        SmtpClientManagedConnection connection = managed;
        if (connection == null) {
            throw new IllegalStateException("SMTP client connection closed");
        }
        return connection;
    }
}
