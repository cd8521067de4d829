package org.passerelle.smtp.adapter;

import javax.naming.Reference;

import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.SmtpClientConnectionFactory;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

/** The connection factory bound in JNDI: each connection comes from the container's connection manager. */
public class ContainerConnectionFactory implements SmtpClientConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final SmtpClientManagedConnectionFactory factory;
    private final ConnectionManager connections;
    private Reference reference;

    ContainerConnectionFactory(SmtpClientManagedConnectionFactory factory, ConnectionManager connections) {
        this.factory = factory;
        this.connections = connections;
    }

    @Override
    public SmtpClientConnection getConnection() throws ResourceException {
        return (SmtpClientConnection) connections.allocateConnection(factory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
