package org.passerelle.smtp.adapter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import javax.transaction.xa.XAResource;

import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.server.SmtpServer;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * The SMTP resource adapter: each endpoint activation (one message-driven bean per listener)
 * opens one SMTP listener, and its deactivation closes it. The outbound SMTP client connections
 * of its connection factories are closed when it stops.
 */
@Connector(
        displayName = "Passerelle SMTP connector",
        description = "SMTP listeners that ask a message-driven bean for a verdict at each SMTP stage",
        vendorName = "Passerelle",
        eisType = "SMTP",
        version = "1.0",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SmtpResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpResourceAdapter.class.getName());

    private final Map<ActivationKey, SmtpServer> listeners = new ConcurrentHashMap<>();
    private final List<SmtpClientManagedConnectionFactory> clients = new CopyOnWriteArrayList<>();
    private volatile InsideActivation inside;

    @Override
    public void start(BootstrapContext context) {
        LOG.info("Passerelle SMTP resource adapter started");
    }

    @Override
    public void stop() {
        listeners.values().forEach(SmtpServer::close);
        listeners.clear();
        clients.forEach(SmtpClientManagedConnectionFactory::stop);
        clients.clear();
        LOG.info("Passerelle SMTP resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof SmtpActivationSpec smtp)) {
            throw new NotSupportedException("not an SMTP activation: " + spec.getClass().getName());
        }
        if (smtp.inside()) {
            // no port: the mail submission connection factory puts messages to this endpoint
            inside = new InsideActivation(new ActivationKey(factory, spec), new MessageEndpointListener(factory));
            return;
        }
        try {
            SmtpServer server = SmtpServer.start(smtp.toSettings(), new MessageEndpointListener(factory));
            listeners.put(new ActivationKey(factory, spec), server);
        } catch (IOException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        InsideActivation current = inside;
        if (current != null && current.key().equals(new ActivationKey(factory, spec))) {
            inside = null;
        }
        SmtpServer server = listeners.remove(new ActivationKey(factory, spec));
        if (server != null) {
            server.close();
        }
    }

    /** The endpoint of the inside listener, {@code null} while its bean is not deployed. */
    SmtpSessionListener insideEndpoint() {
        InsideActivation current = inside;
        return current == null ? null : current.endpoint();
    }

    private record InsideActivation(ActivationKey key, SmtpSessionListener endpoint) {
    }

    void register(SmtpClientManagedConnectionFactory client) {
        clients.add(client);
    }

    /** No transactions: there is nothing to recover. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    /**
     * The Connectors specification wants a resource adapter JavaBean to implement equals and
     * hashCode over its configuration properties; this one has none, so all instances are equal.
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
    }
}
