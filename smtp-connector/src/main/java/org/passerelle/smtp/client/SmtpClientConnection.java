package org.passerelle.smtp.client;

/**
 * A handle on the connector's pool of SMTP client connections, kept per next hop and reused
 * across messages. A delivery never throws for what the network or the next hop does: every
 * recipient gets a reply, temporary (4xx) when the message should be tried again.
 */
public interface SmtpClientConnection extends AutoCloseable {

    /** Hands the transaction to the next hop under the connection factory's TLS policy. */
    DeliveryResult deliver(NextHop hop, MailTransaction transaction);

    /** Hands the transaction to the next hop under the given TLS policy. */
    DeliveryResult deliver(NextHop hop, MailTransaction transaction, TlsPolicy tls);

    @Override
    void close();
}
