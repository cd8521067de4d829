package org.passerelle.smtp;

import java.util.Locale;

/** The stage of an SMTP session at which something was decided: the connection, the greeting, a login, a transaction, a recipient or the message. */
public enum SmtpStage {
    CONNECT, HELO, AUTH, MAIL, RCPT, DATA;

    /** As stored and shown: {@code rcpt}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SmtpStage of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
