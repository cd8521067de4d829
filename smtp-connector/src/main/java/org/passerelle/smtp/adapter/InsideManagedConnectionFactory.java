package org.passerelle.smtp.adapter;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.security.auth.Subject;

import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.MailSubmission;
import org.passerelle.smtp.MailSubmissionFactory;
import org.passerelle.smtp.SmtpStage;

/**
 * Mail from deployments on the same server, as one sender application: the connection
 * definition's {@code application} property names it, so that which application a deployment
 * sends as is the server's configuration, not the deployment's say. Its connections put each
 * message to the inside listener's endpoint ({@link InsideSession}), the same bean that answers
 * SMTP clients: there is no second acceptance path to keep in step.
 */
@ConnectionDefinition(connectionFactory = MailSubmissionFactory.class,
        connectionFactoryImpl = InsideConnectionFactory.class,
        connection = MailSubmission.class,
        connectionImpl = InsideConnectionHandle.class)
public class InsideManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "The sender application (cn under ou=applications) this connection definition sends as;"
            + " none: every message is refused")
    private String application;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connections) {
        return new InsideConnectionFactory(this, connections);
    }

    @Override
    public Object createConnectionFactory() {
        return new InsideConnectionFactory(this, (factory, request) ->
                factory.createManagedConnection(null, request).getConnection(null, request));
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo request) {
        return new InsideManagedConnection(this);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo request) {
        for (Object candidate : candidates) {
            if (candidate instanceof InsideManagedConnection connection) {
                return connection;
            }
        }
        return null;
    }

    /** Sends one message through the adapter's inside listener. */
    String submit(String sender, List<String> recipients, byte[] message) throws MailRefusedException {
        if (application == null || application.isBlank()) {
            throw new MailRefusedException(SmtpStage.CONNECT, 554, "5.7.1", "This mail submission factory names no sender application"
                    + " (its connection definition's application property, PSL_MAIL_SUBMISSION_APPLICATION)");
        }
        SmtpResourceAdapter adapter = resourceAdapter instanceof SmtpResourceAdapter smtp ? smtp : null;
        return InsideSession.submit(adapter == null ? null : adapter.insideEndpoint(), application.trim(), sender, recipients, message);
    }

    /** A definition that names no application deploys (it is the default), and refuses every message until one is named. */
    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.resourceAdapter = adapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InsideManagedConnectionFactory that && Objects.equals(application, that.application);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(application);
    }

    public String getApplication() {
        return application;
    }

    public void setApplication(String application) {
        this.application = application;
    }
}
