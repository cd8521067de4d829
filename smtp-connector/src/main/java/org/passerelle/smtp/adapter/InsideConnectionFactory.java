package org.passerelle.smtp.adapter;

import javax.naming.Reference;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import org.passerelle.smtp.MailSubmission;
import org.passerelle.smtp.MailSubmissionFactory;

/** The mail submission factory bound in JNDI: each connection comes from the container's connection manager. */
public class InsideConnectionFactory implements MailSubmissionFactory {

    private static final long serialVersionUID = 1L;

    private final InsideManagedConnectionFactory factory;
    private final ConnectionManager connections;
    private Reference reference;

    InsideConnectionFactory(InsideManagedConnectionFactory factory, ConnectionManager connections) {
        this.factory = factory;
        this.connections = connections;
    }

    @Override
    public MailSubmission getConnection() throws ResourceException {
        return (MailSubmission) connections.allocateConnection(factory, null);
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
