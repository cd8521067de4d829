package org.passerelle.smtp.adapter;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.server.ListenerSettings;
import org.passerelle.smtp.server.ProxyNetworks;
import org.passerelle.smtp.tls.TlsSettings;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * The listener a message-driven bean asks for, from its {@code @ActivationConfigProperty} values.
 * Properties are Strings and Integers because the container sets them from strings; unset limits
 * take the {@link ListenerSettings} defaults. The keystore password is kept out of every log line and
 * {@code toString()}.
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

    @ConfigProperty(description = "relay (no AUTH required), submission (STARTTLS, then AUTH required) or "
            + "submissions (TLS from the first byte, AUTH required); default relay")
    private String mode;

    @ConfigProperty(description = "PKCS#12 or JKS keystore holding the listener's key and certificate chain")
    private String keystorePath;

    @ConfigProperty(description = "Password of the keystore and its key", confidential = true)
    private String keystorePassword;

    @ConfigProperty(description = "Alias of the key to use in the keystore; the only key when unset")
    private String keyAlias;

    @ConfigProperty(description = "Where a self-signed certificate is created on first start and reused, "
            + "when no keystore is set")
    private String selfSignedKeystore;

    @ConfigProperty(description = "Largest accepted message, in bytes (default 10240000)")
    private Integer messageSizeLimit;

    @ConfigProperty(description = "Most recipients in one transaction (default 100)")
    private Integer recipientLimit;

    @ConfigProperty(description = "Seconds a client may stay silent before it is disconnected (default 300)")
    private Integer idleTimeoutSeconds;

    @ConfigProperty(description = "Seconds a session may last in all (default 1800)")
    private Integer sessionTimeoutSeconds;

    @ConfigProperty(description = "Most simultaneous connections from one client: an IPv4 address or an IPv6 /64 (default 50)")
    private Integer clientConnectionLimit;

    @ConfigProperty(description = "Most simultaneous connections from all clients together (default 1000)")
    private Integer connectionLimit;

    @ConfigProperty(description = "Whether a relay listener offers AUTH after STARTTLS (default false); "
            + "the submission modes always do")
    private Boolean relayAuth;

    @ConfigProperty(description = "Refused AUTH attempts before the session is closed (default 3)")
    private Integer authFailureLimit;

    @ConfigProperty(description = "Milliseconds added before each refused AUTH reply, times the refusals so far "
            + "(default 1000)")
    private Integer authFailureDelayMillis;

    @ConfigProperty(description = "Milliseconds to wait before the greeting, to catch clients that talk first "
            + "(default 0: no wait)")
    private Integer pregreetDelayMillis;

    @ConfigProperty(description = "Whether a client talking before the greeting is refused (554) rather than "
            + "only noted (default false)")
    private Boolean rejectPregreeting;

    @ConfigProperty(description = "Threads calling the message-driven bean; a session stays on one of them (default 16)")
    private Integer endpointThreads;

    @ConfigProperty(description = "Load balancers whose PROXY protocol header (v2, or v1) names the client: "
            + "addresses or CIDR networks separated by commas; a connection from one of them without a valid header "
            + "is closed, a header from anywhere else is not believed; empty (default): no load balancer")
    private String proxyNetworks;

    private transient ResourceAdapter resourceAdapter;

    /** Whether this activation is the inside listener: no port, the mail submission factory's endpoint. */
    boolean inside() {
        return mode != null && ListenerMode.INSIDE.propertyValue().equalsIgnoreCase(mode.strip());
    }

    /** The listener settings these properties describe. */
    ListenerSettings toSettings() throws InvalidPropertyException {
        if (listenerName == null) {
            throw new InvalidPropertyException("SMTP activation: listenerName is required");
        }
        if (port == null) {
            throw new InvalidPropertyException("SMTP activation " + listenerName + ": port is required");
        }
        try {
            ListenerSettings.Builder settings = ListenerSettings.builder(listenerName, bindAddress, port,
                    hostName != null ? hostName : localHostName());
            settings.tls(new TlsSettings(path(keystorePath), keystorePassword, keyAlias, path(selfSignedKeystore)));
            ifSet(mode, value -> settings.mode(ListenerMode.of(value)));
            ifSet(messageSizeLimit, value -> settings.messageSizeLimit(value));
            ifSet(recipientLimit, settings::recipientLimit);
            ifSet(idleTimeoutSeconds, value -> settings.idleTimeout(Duration.ofSeconds(value)));
            ifSet(sessionTimeoutSeconds, value -> settings.sessionTimeout(Duration.ofSeconds(value)));
            ifSet(clientConnectionLimit, settings::clientConnectionLimit);
            ifSet(connectionLimit, settings::connectionLimit);
            ifSet(relayAuth, settings::relayAuth);
            ifSet(authFailureLimit, settings::authFailureLimit);
            ifSet(authFailureDelayMillis, value -> settings.authFailureDelay(Duration.ofMillis(value)));
            ifSet(pregreetDelayMillis, value -> settings.pregreetDelay(Duration.ofMillis(value)));
            ifSet(rejectPregreeting, settings::rejectPregreeting);
            ifSet(endpointThreads, settings::endpointThreads);
            settings.proxyNetworks(ProxyNetworks.parse(proxyNetworks));
            return settings.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("SMTP activation: " + e.getMessage());
        }
    }

    /** Unset properties leave the settings' defaults. */
    private static <T> void ifSet(T value, Consumer<T> setting) {
        if (value != null) {
            setting.accept(value);
        }
    }

    private static Path path(String text) {
        return text == null || text.isBlank() ? null : Path.of(text);
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
        if (inside()) {
            if (listenerName == null) {
                throw new InvalidPropertyException("SMTP activation: listenerName is required");
            }
            return; // no port, no TLS: nothing else applies
        }
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

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getKeystorePath() {
        return keystorePath;
    }

    public void setKeystorePath(String keystorePath) {
        this.keystorePath = keystorePath;
    }

    public String getKeystorePassword() {
        return keystorePassword;
    }

    public void setKeystorePassword(String keystorePassword) {
        this.keystorePassword = keystorePassword;
    }

    public String getKeyAlias() {
        return keyAlias;
    }

    public void setKeyAlias(String keyAlias) {
        this.keyAlias = keyAlias;
    }

    public String getSelfSignedKeystore() {
        return selfSignedKeystore;
    }

    public void setSelfSignedKeystore(String selfSignedKeystore) {
        this.selfSignedKeystore = selfSignedKeystore;
    }

    public Integer getSessionTimeoutSeconds() {
        return sessionTimeoutSeconds;
    }

    public void setSessionTimeoutSeconds(Integer sessionTimeoutSeconds) {
        this.sessionTimeoutSeconds = sessionTimeoutSeconds;
    }

    public Integer getClientConnectionLimit() {
        return clientConnectionLimit;
    }

    public void setClientConnectionLimit(Integer clientConnectionLimit) {
        this.clientConnectionLimit = clientConnectionLimit;
    }

    public Integer getConnectionLimit() {
        return connectionLimit;
    }

    public void setConnectionLimit(Integer connectionLimit) {
        this.connectionLimit = connectionLimit;
    }

    public Boolean getRelayAuth() {
        return relayAuth;
    }

    public void setRelayAuth(Boolean relayAuth) {
        this.relayAuth = relayAuth;
    }

    public Integer getAuthFailureLimit() {
        return authFailureLimit;
    }

    public void setAuthFailureLimit(Integer authFailureLimit) {
        this.authFailureLimit = authFailureLimit;
    }

    public Integer getAuthFailureDelayMillis() {
        return authFailureDelayMillis;
    }

    public void setAuthFailureDelayMillis(Integer authFailureDelayMillis) {
        this.authFailureDelayMillis = authFailureDelayMillis;
    }

    public Integer getPregreetDelayMillis() {
        return pregreetDelayMillis;
    }

    public void setPregreetDelayMillis(Integer pregreetDelayMillis) {
        this.pregreetDelayMillis = pregreetDelayMillis;
    }

    public Boolean getRejectPregreeting() {
        return rejectPregreeting;
    }

    public void setRejectPregreeting(Boolean rejectPregreeting) {
        this.rejectPregreeting = rejectPregreeting;
    }

    public String getProxyNetworks() {
        return proxyNetworks;
    }

    public void setProxyNetworks(String proxyNetworks) {
        this.proxyNetworks = proxyNetworks;
    }
}
