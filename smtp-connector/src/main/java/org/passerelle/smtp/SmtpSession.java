package org.passerelle.smtp;

import java.net.InetSocketAddress;

/**
 * What the connector knows of one SMTP connection when it asks the endpoint.
 *
 * @param sessionId  short id of the connection, for log lines
 * @param listener   name of the listener the client connected to (e.g. {@code relay})
 * @param client     the client's address and port
 * @param heloName   the name given in HELO/EHLO, {@code null} before it
 * @param esmtp      whether the client greeted with EHLO
 */
public record SmtpSession(String sessionId, String listener, InetSocketAddress client, String heloName,
                          boolean esmtp) {

    public SmtpSession withHelo(String name, boolean extended) {
        return new SmtpSession(sessionId, listener, client, name, extended);
    }
}
