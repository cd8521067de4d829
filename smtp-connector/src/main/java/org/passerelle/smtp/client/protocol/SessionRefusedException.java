package org.passerelle.smtp.client.protocol;

import org.passerelle.smtp.client.SmtpReply;

/**
 * The next hop could not be given mail on this connection: it refused the greeting or HELO, or
 * TLS is required and it could not be had. The reply decides every recipient.
 */
public final class SessionRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SmtpReply reply;

    SessionRefusedException(SmtpReply reply) {
        super(reply.toString());
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
