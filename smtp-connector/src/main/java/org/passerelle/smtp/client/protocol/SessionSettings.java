package org.passerelle.smtp.client.protocol;

import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.X509TrustManager;

import org.passerelle.smtp.client.ServerCertificate;

/**
 * How one SMTP client connection behaves.
 *
 * @param heloName       the name given in EHLO and HELO
 * @param connectTimeout how long to wait for the TCP connection
 * @param commandTimeout how long to wait for a reply, or for a write to make progress; the reply to
 *                       the end of data may take 10 minutes (RFC 5321 §4.5.3.2.6)
 * @param authorities    who may sign a next hop's certificate under the {@code verify} TLS policy
 */
public record SessionSettings(String heloName, Duration connectTimeout, Duration commandTimeout, X509TrustManager authorities) {

    public SessionSettings {
        if (heloName == null || heloName.isBlank()) {
            throw new IllegalArgumentException("the SMTP client needs a HELO name");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("SMTP client timeouts must be positive");
        }
        Objects.requireNonNull(authorities, "authorities");
    }

    /** Certificates checked under {@code verify} against the JVM's trust store. */
    public SessionSettings(String heloName, Duration connectTimeout, Duration commandTimeout) {
        this(heloName, connectTimeout, commandTimeout, ServerCertificate.authorities(null));
    }
}
