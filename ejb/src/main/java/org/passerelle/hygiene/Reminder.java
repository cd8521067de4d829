package org.passerelle.hygiene;

import java.time.LocalDate;

/**
 * A reminder due to an application's managers and owners.
 *
 * @param subject what it is about, the key under which it is recorded once sent ({@code stale},
 *                {@code expires-30:2027-03-31}, ...): the same subject is not mailed twice (stale ones
 *                once per reminder period)
 * @param expires the expiry date it is about, for the expiry kinds
 */
public record Reminder(Kind kind, String application, String subject, LocalDate expires) {

    public enum Kind {
        /** The application, or some of its networks, sent nothing for the stale period. */
        STALE,
        /** Its expiry date is 30 days away or less. */
        EXPIRES_IN_30_DAYS,
        /** Its expiry date is 7 days away or less. */
        EXPIRES_IN_7_DAYS,
        /** Its expiry date has come: the relay refuses its mail. */
        EXPIRED
    }
}
