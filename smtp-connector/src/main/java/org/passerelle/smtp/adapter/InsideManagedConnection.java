package org.passerelle.smtp.adapter;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import org.passerelle.smtp.MailRefusedException;

/**
 * A managed connection of the mail submission factory. It holds nothing: each message is a session
 * of the inside listener. No transactions: the spool commits a message before its queue id is
 * returned, as it does before an SMTP client hears {@code 250}.
 */
final class InsideManagedConnection implements ManagedConnection {

    private final InsideManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<InsideConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    InsideManagedConnection(InsideManagedConnectionFactory factory) {
        this.factory = factory;
    }

    String submit(String sender, List<String> recipients, byte[] message) throws MailRefusedException {
        return factory.submit(sender, recipients, message);
    }

    void closed(InsideConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo request) {
        InsideConnectionHandle handle = new InsideConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) {
        InsideConnectionHandle handle = (InsideConnectionHandle) connection;
        InsideManagedConnection previous = handle.associate(this);
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
        throw new NotSupportedException("mail submission takes part in no transaction");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws NotSupportedException {
        throw new NotSupportedException("mail submission takes part in no transaction");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Passerelle";
            }

            @Override
            public String getEISProductVersion() {
                return "inside listener";
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
