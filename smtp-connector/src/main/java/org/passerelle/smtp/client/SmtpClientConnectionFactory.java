package org.passerelle.smtp.client;

import java.io.Serializable;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;

/**
 * The connector's outbound SMTP client as the container hands it out
 * ({@code @Resource(lookup = "java:/smtp/NextHopConnectionFactory")}).
 */
public interface SmtpClientConnectionFactory extends Serializable, Referenceable {

    /** A connection handle; close it when done. It holds no SMTP connection between deliveries. */
    SmtpClientConnection getConnection() throws ResourceException;
}
