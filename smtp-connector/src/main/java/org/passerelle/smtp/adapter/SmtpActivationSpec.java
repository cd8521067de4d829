package org.passerelle.smtp.adapter;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.server.ListenerSettings;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * The listener a message-driven bean asks for, from its {@code @ActivationConfigProperty} values.
 * Properties are Strings and Integers because the container sets them from strings; unset limits
 * take the {@link ListenerSettings} defaults.
 */
@Activation(messageListeners = SmtpSessionListener.class)
public class SmtpActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "Name of the listener, given to the endpoint in each session (e.g. relay); required")
    private String listenerName;

    @ConfigProperty(description = "Local address to listen on; 0.0.0.0 for all")
    private String bindAddress = "0.0.0.0";

    @ConfigProperty(description = "TCP port to listen on; required")
    private Integer port;

    @ConfigProperty(description = "Host name in the banner and replies; the local host name when unset")
    private String hostName;

    @ConfigProperty(description = "Largest accepted message, in bytes (default 10240000)")
    private Integer messageSizeLimit;

    @ConfigProperty(description = "Most recipients in one transaction (default 100)")
    private Integer recipientLimit;

    @ConfigProperty(description = "Seconds a client may stay silent before it is disconnected (default 300)")
    private Integer idleTimeoutSeconds;

    @ConfigProperty(description = "Threads calling the message-driven bean; a session stays on one of them (default 16)")
    private Integer endpointThreads;

    private transient ResourceAdapter resourceAdapter;

    /** The listener settings these properties describe. */
    ListenerSettings toSettings() throws InvalidPropertyException {
        if (listenerName == null) {
            throw new InvalidPropertyException("SMTP activation: listenerName is required");
        }
        if (port == null) {
            throw new InvalidPropertyException("SMTP activation " + listenerName + ": port is required");
        }
        try {
            ListenerSettings settings = ListenerSettings.of(listenerName, bindAddress, port,
                    hostName != null ? hostName : localHostName());
            if (messageSizeLimit != null) {
                settings = settings.withMessageSizeLimit(messageSizeLimit);
            }
            if (recipientLimit != null) {
                settings = settings.withRecipientLimit(recipientLimit);
            }
            if (idleTimeoutSeconds != null) {
                settings = settings.withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
            }
            if (endpointThreads != null) {
                settings = settings.withEndpointThreads(endpointThreads);
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("SMTP activation: " + e.getMessage());
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void validate() throws InvalidPropertyException {
        toSettings();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    public String getListenerName() {
        return listenerName;
    }

    public void setListenerName(String listenerName) {
        this.listenerName = listenerName;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getHostName() {
        return hostName;
    }

    public void setHostName(String hostName) {
        this.hostName = hostName;
    }

    public Integer getMessageSizeLimit() {
        return messageSizeLimit;
    }

    public void setMessageSizeLimit(Integer messageSizeLimit) {
        this.messageSizeLimit = messageSizeLimit;
    }

    public Integer getRecipientLimit() {
        return recipientLimit;
    }

    public void setRecipientLimit(Integer recipientLimit) {
        this.recipientLimit = recipientLimit;
    }

    public Integer getIdleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public void setIdleTimeoutSeconds(Integer idleTimeoutSeconds) {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    public Integer getEndpointThreads() {
        return endpointThreads;
    }

    public void setEndpointThreads(Integer endpointThreads) {
        this.endpointThreads = endpointThreads;
    }
}
