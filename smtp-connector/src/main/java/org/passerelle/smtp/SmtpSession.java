package org.passerelle.smtp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the connector knows of one SMTP connection when it asks the endpoint.
 *
 * @param sessionId         short id of the connection, for log lines
 * @param listener          name of the listener the client connected to (e.g. {@code relay})
 * @param mode              what that listener is for
 * @param client            the client's address and port
 * @param heloName          the name given in HELO/EHLO, {@code null} before it
 * @param esmtp             whether the client greeted with EHLO
 * @param tls               the TLS protection in force, {@code null} while the session is in plain text
 * @param authenticatedUser the user name the endpoint accepted with AUTH, {@code null} before it
 * @param pregreeting       whether the client sent something before the greeting (a sign of a spam bot)
 */
public record SmtpSession(String sessionId, String listener, ListenerMode mode, InetSocketAddress client,
                          String heloName, boolean esmtp, TlsState tls, String authenticatedUser,
                          boolean pregreeting) {

    public SmtpSession {
        Objects.requireNonNull(mode, "mode");
    }

    /** A plain-text session on a relay listener, as before TLS and AUTH. */
    public SmtpSession(String sessionId, String listener, InetSocketAddress client, String heloName, boolean esmtp) {
        this(sessionId, listener, ListenerMode.RELAY, client, heloName, esmtp, null, null, false);
    }

    /** A new connection: not yet greeted, in plain text unless the listener speaks TLS from the first byte. */
    public static SmtpSession connected(String sessionId, String listener, ListenerMode mode, InetSocketAddress client,
                                        TlsState tls, boolean pregreeting) {
        return new SmtpSession(sessionId, listener, mode, client, null, false, tls, null, pregreeting);
    }

    public SmtpSession withHelo(String name, boolean extended) {
        return new SmtpSession(sessionId, listener, mode, client, name, extended, tls, authenticatedUser, pregreeting);
    }

    /** After STARTTLS: TLS in force, and everything learnt in plain text forgotten (RFC 3207 §4.2). */
    public SmtpSession withTls(TlsState negotiated) {
        return new SmtpSession(sessionId, listener, mode, client, null, false, negotiated, null, pregreeting);
    }

    public SmtpSession withAuthenticatedUser(String user) {
        return new SmtpSession(sessionId, listener, mode, client, heloName, esmtp, tls, user, pregreeting);
    }

    public boolean tlsActive() {
        return tls != null;
    }

    public boolean authenticated() {
        return authenticatedUser != null;
    }
}
