package org.passerelle.rate;

import java.time.Instant;
import java.util.List;

import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.PlainTextNotice;

/** The plain-text mail telling operations of a rate alert: what was counted, the threshold, and what follows. */
final class RateAlertNotice {

    private RateAlertNotice() {
    }

    static String body(RateAlert alert, String hostname, Instant at) {
        return alert.text() + "\n\n"
                + "Counted:    " + alert.count() + " " + alert.key().kind().key() + " in the sliding hour to " + at + "\n"
                + "Threshold:  " + alert.threshold() + "\n"
                + "Gateway:    " + hostname + "\n\n"
                + "No other alert of this kind is sent about " + alert.key().subject() + " within the hour.\n"
                + "The busiest clients and applications: GET /api/v1/rates (docs/rates.md).\n";
    }

    /** The whole message, ready for the spool. */
    static byte[] message(RateAlert alert, MailAddress operations, String hostname, Instant at) {
        return new PlainTextNotice("Passerelle rate watch", operations, List.of(operations), alert.subjectLine(), at,
                "rate-" + alert.level().key(), body(alert, hostname, at)).write(hostname);
    }
}
