package org.passerelle.reporting;

import java.util.Locale;

/** The SMTP stage at which the session policy refused: a connection, a greeting, a login, a transaction or a recipient. */
public enum RefusalStage {
    CONNECT, HELO, AUTH, MAIL, RCPT, DATA;

    /** As stored and shown: {@code rcpt}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RefusalStage of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
