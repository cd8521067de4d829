package org.passerelle.smtp.adapter;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.smtp.client.pool.PooledSmtpClient;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

/**
 * A managed connection of the SMTP client: a way in to the pooled SMTP connections, which it
 * borrows for one delivery at a time (see {@link SmtpClientManagedConnectionFactory} for why).
 * No transactions: a message handed over cannot be taken back.
 */
final class SmtpClientManagedConnection implements ManagedConnection {

    private final PooledSmtpClient client;
    private final TlsPolicy defaultTls;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<SmtpClientConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    SmtpClientManagedConnection(PooledSmtpClient client, TlsPolicy defaultTls) {
        this.client = client;
        this.defaultTls = defaultTls;
    }

    DeliveryResult deliver(NextHop hop, MailTransaction transaction, TlsPolicy tls) {
        return client.deliver(hop, transaction, tls);
    }

    TlsPolicy defaultTls() {
        return defaultTls;
    }

    void closed(SmtpClientConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo request) {
        SmtpClientConnectionHandle handle = new SmtpClientConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) {
        SmtpClientConnectionHandle handle = (SmtpClientConnectionHandle) connection;
        SmtpClientManagedConnection previous = handle.associate(this);
        if (previous != null) {
            previous.handles.remove(handle);
        }
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(handle -> handle.invalidate(this));
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws NotSupportedException {
        throw new NotSupportedException("the SMTP client takes part in no transaction");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws NotSupportedException {
        throw new NotSupportedException("the SMTP client takes part in no transaction");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "SMTP";
            }

            @Override
            public String getEISProductVersion() {
                return "RFC 5321";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
