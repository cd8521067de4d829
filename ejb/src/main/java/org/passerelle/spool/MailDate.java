package org.passerelle.spool;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The date-time of RFC 5322 §3.3, as trace headers and delivery status fields write it. */
public final class MailDate {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private MailDate() {
    }

    public static String format(ZonedDateTime when) {
        return RFC_5322_DATE.format(when);
    }
}
