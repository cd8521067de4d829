package org.passerelle.smtp.adapter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import javax.security.auth.Subject;

import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.ServerCertificate;
import org.passerelle.smtp.client.SmtpClientConnectionFactory;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.smtp.client.pool.PoolSettings;
import org.passerelle.smtp.client.pool.PooledSmtpClient;
import org.passerelle.smtp.client.protocol.SessionSettings;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

/**
 * The outbound SMTP client of the resource adapter, configured by {@code META-INF/ironjacamar.xml}.
 * <p>
 * The SMTP connections are pooled here, by next hop, not by the container: WildFly's pool keeps
 * one list for a connection definition and destroys a pooled connection that
 * {@code matchManagedConnections} turns down, so keying its connections by next hop would close
 * a connection each time a delivery goes to another next hop. Nor could it hold an overall limit
 * beside per-hop ones, or close a connection after so many messages. The container pools the
 * managed connections, which hold no SMTP connection between deliveries and cost nothing.
 */
@ConnectionDefinition(connectionFactory = SmtpClientConnectionFactory.class,
        connectionFactoryImpl = ContainerConnectionFactory.class,
        connection = SmtpClientConnection.class,
        connectionImpl = SmtpClientConnectionHandle.class)
public class SmtpClientManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "Name given in EHLO and HELO; required")
    private String heloName;

    @ConfigProperty(description = "Most connections open to one next hop (default 20)")
    private Integer nextHopConnectionLimit = 20;

    @ConfigProperty(description = "Most connections open in all (default 100)")
    private Integer connectionLimit = 100;

    @ConfigProperty(description = "Seconds a delivery waits for a free connection before it is deferred (default 10)")
    private Integer connectionWaitSeconds = 10;

    @ConfigProperty(description = "Seconds an unused connection stays open (default 30)")
    private Integer connectionIdleSeconds = 30;

    @ConfigProperty(description = "Most messages over one connection (default 100)")
    private Integer connectionReuseLimit = 100;

    @ConfigProperty(description = "Seconds to wait for a TCP connection (default 30)")
    private Integer connectTimeoutSeconds = 30;

    @ConfigProperty(description = "Seconds to wait for a reply or for a write to progress (default 300)")
    private Integer commandTimeoutSeconds = 300;

    @ConfigProperty(description = "Whether a delivery without STARTTLS is deferred rather than made in plain text (default false):"
            + " raises the default TLS security level to encrypt")
    private Boolean tlsRequired = false;

    @ConfigProperty(description = "TLS policy of deliveries that name none: none, may, encrypt, verify,"
            + " fingerprint match=<SHA-256> (default may)")
    private String tlsSecurityLevel = "may";

    @ConfigProperty(description = "PEM file of the authorities that may sign a next hop's certificate under verify;"
            + " empty for the JVM's trust store (default empty)")
    private String tlsCaFile = "";

    private transient ResourceAdapter resourceAdapter;
    private transient PooledSmtpClient client;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connections) {
        return new ContainerConnectionFactory(this, connections);
    }

    /** Outside a container: each connection handle gets a managed connection of its own. */
    @Override
    public Object createConnectionFactory() {
        return new ContainerConnectionFactory(this, (factory, request) ->
                factory.createManagedConnection(null, request).getConnection(null, request));
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo request) throws ResourceException {
        return new SmtpClientManagedConnection(client(), defaultTls());
    }

    /** The default TLS level, raised to {@code encrypt} by {@code tlsRequired}. */
    TlsPolicy defaultTls() throws InvalidPropertyException {
        try {
            TlsPolicy level = TlsPolicy.parse(tlsSecurityLevel);
            return Boolean.TRUE.equals(tlsRequired) ? level.atLeast(TlsPolicy.ENCRYPT) : level;
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("SMTP client: tlsSecurityLevel: " + e.getMessage());
        }
    }

    /** All managed connections are alike: any one will do. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo request) {
        for (Object candidate : candidates) {
            if (candidate instanceof SmtpClientManagedConnection connection) {
                return connection;
            }
        }
        return null;
    }

    synchronized PooledSmtpClient client() throws InvalidPropertyException {
        if (client == null) {
            client = new PooledSmtpClient(sessionSettings(), poolSettings());
        }
        return client;
    }

    /** Closes the pooled connections; the resource adapter calls it when it stops. */
    synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private SessionSettings sessionSettings() throws InvalidPropertyException {
        try {
            return new SessionSettings(heloName, Duration.ofSeconds(connectTimeoutSeconds), Duration.ofSeconds(commandTimeoutSeconds),
                    ServerCertificate.authorities(tlsCaFile == null || tlsCaFile.isBlank() ? null : Path.of(tlsCaFile.trim())));
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("SMTP client: " + e.getMessage());
        }
    }

    private PoolSettings poolSettings() throws InvalidPropertyException {
        try {
            return new PoolSettings(nextHopConnectionLimit, connectionLimit, Duration.ofSeconds(connectionWaitSeconds),
                    Duration.ofSeconds(connectionIdleSeconds), connectionReuseLimit);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("SMTP client: " + e.getMessage());
        }
    }

    /** Checks the properties when the container deploys the factory, and has the adapter stop its connections. */
    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        sessionSettings();
        poolSettings();
        defaultTls();
        this.resourceAdapter = adapter;
        if (adapter instanceof SmtpResourceAdapter smtp) {
            smtp.register(this);
        }
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

    /** The Connectors specification wants equality over the configuration properties. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SmtpClientManagedConnectionFactory that
                && Objects.equals(heloName, that.heloName)
                && Objects.equals(nextHopConnectionLimit, that.nextHopConnectionLimit)
                && Objects.equals(connectionLimit, that.connectionLimit)
                && Objects.equals(connectionWaitSeconds, that.connectionWaitSeconds)
                && Objects.equals(connectionIdleSeconds, that.connectionIdleSeconds)
                && Objects.equals(connectionReuseLimit, that.connectionReuseLimit)
                && Objects.equals(connectTimeoutSeconds, that.connectTimeoutSeconds)
                && Objects.equals(commandTimeoutSeconds, that.commandTimeoutSeconds)
                && Objects.equals(tlsRequired, that.tlsRequired)
                && Objects.equals(tlsSecurityLevel, that.tlsSecurityLevel)
                && Objects.equals(tlsCaFile, that.tlsCaFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(heloName, nextHopConnectionLimit, connectionLimit, connectionWaitSeconds, connectionIdleSeconds,
                connectionReuseLimit, connectTimeoutSeconds, commandTimeoutSeconds, tlsRequired, tlsSecurityLevel, tlsCaFile);
    }

    public String getHeloName() {
        return heloName;
    }

    public void setHeloName(String heloName) {
        this.heloName = heloName;
    }

    public Integer getNextHopConnectionLimit() {
        return nextHopConnectionLimit;
    }

    public void setNextHopConnectionLimit(Integer nextHopConnectionLimit) {
        this.nextHopConnectionLimit = nextHopConnectionLimit;
    }

    public Integer getConnectionLimit() {
        return connectionLimit;
    }

    public void setConnectionLimit(Integer connectionLimit) {
        this.connectionLimit = connectionLimit;
    }

    public Integer getConnectionWaitSeconds() {
        return connectionWaitSeconds;
    }

    public void setConnectionWaitSeconds(Integer connectionWaitSeconds) {
        this.connectionWaitSeconds = connectionWaitSeconds;
    }

    public Integer getConnectionIdleSeconds() {
        return connectionIdleSeconds;
    }

    public void setConnectionIdleSeconds(Integer connectionIdleSeconds) {
        this.connectionIdleSeconds = connectionIdleSeconds;
    }

    public Integer getConnectionReuseLimit() {
        return connectionReuseLimit;
    }

    public void setConnectionReuseLimit(Integer connectionReuseLimit) {
        this.connectionReuseLimit = connectionReuseLimit;
    }

    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public Integer getCommandTimeoutSeconds() {
        return commandTimeoutSeconds;
    }

    public void setCommandTimeoutSeconds(Integer commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public Boolean getTlsRequired() {
        return tlsRequired;
    }

    public void setTlsRequired(Boolean tlsRequired) {
        this.tlsRequired = tlsRequired;
    }

    public String getTlsSecurityLevel() {
        return tlsSecurityLevel;
    }

    public void setTlsSecurityLevel(String tlsSecurityLevel) {
        this.tlsSecurityLevel = tlsSecurityLevel;
    }

    public String getTlsCaFile() {
        return tlsCaFile;
    }

    public void setTlsCaFile(String tlsCaFile) {
        this.tlsCaFile = tlsCaFile;
    }
}
