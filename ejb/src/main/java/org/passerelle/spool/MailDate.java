package org.passerelle.spool;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The date-time of RFC 5322 §3.3, as trace headers and delivery status fields write it. The last
 * one written is kept: every message accepted within a second has the same, and formatting it
 * again cost a tenth of the spool's CPU.
 */
public final class MailDate {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private static volatile Written last = new Written(Long.MIN_VALUE, ZoneOffset.UTC, "");

    private MailDate() {
    }

    public static String format(ZonedDateTime when) {
        Written held = last;
        if (held.second() == when.toEpochSecond() && held.offset().equals(when.getOffset())) {
            return held.text();
        }
        Written written = new Written(when.toEpochSecond(), when.getOffset(), RFC_5322_DATE.format(when));
        last = written;
        return written.text();
    }

    private record Written(long second, ZoneOffset offset, String text) {
    }
}
