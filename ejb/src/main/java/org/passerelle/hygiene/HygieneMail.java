package org.passerelle.hygiene;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.PlainTextNotice;

/** The texts of the reminders mailed to an application's managers and owners. */
final class HygieneMail {

    static final String AUTHOR = "Passerelle allow-list hygiene";

    private HygieneMail() {
    }

    static String subject(Reminder reminder, Optional<StaleFinding> stale) {
        return switch (reminder.kind()) {
            case STALE -> stale.isPresent() && !stale.get().wholeApplication()
                    ? "Passerelle: networks of " + reminder.application() + " unused: remove them?"
                    : "Passerelle: application " + reminder.application() + " unused: remove it?";
            case EXPIRES_IN_30_DAYS, EXPIRES_IN_7_DAYS -> "Passerelle: application " + reminder.application() + " expires on "
                    + reminder.expires();
            case EXPIRED -> "Passerelle: application " + reminder.application() + " expired on " + reminder.expires()
                    + ", its mail is refused";
        };
    }

    static String body(Reminder reminder, Optional<StaleFinding> stale, int staleDays, RequestLink links) {
        StringBuilder text = new StringBuilder();
        String application = reminder.application();
        switch (reminder.kind()) {
            case STALE -> {
                StaleFinding found = stale.orElseThrow();
                text.append(found.wholeApplication()
                                ? "The sender application " + application + " has sent no mail through the gateway for " + staleDays + " days or more"
                                : "These networks of the sender application " + application + " have sent no mail through the gateway for "
                                + staleDays + " days or more:\n  " + String.join("\n  ", found.staleNetworks()) + "\n")
                        .append(found.wholeApplication() ? (found.lastUsed() == null ? " (it has never sent).\n" : " (last on "
                                + found.lastUsed() + ").\n") : "");
                text.append("\nAn allow-list entry nobody uses is a door left open: if it is no longer needed, ask for its removal"
                                + " with this change request, already filled in (sign in, check, submit):\n\n  ")
                        .append(links.removal(found)).append("\n\nIf it is still needed, nothing is to be done: you will be reminded again"
                                + " while it stays unused.\n");
            }
            case EXPIRES_IN_30_DAYS, EXPIRES_IN_7_DAYS -> text.append("The sender application ").append(application)
                    .append(" expires on ").append(reminder.expires()).append(": from that day, the gateway refuses its mail.\n\n")
                    .append("To keep it, ask for a new expiry date with this change request (sign in, type the new date, submit):\n\n  ")
                    .append(links.renewal(application, reminder.expires())).append('\n');
            case EXPIRED -> text.append("The sender application ").append(application).append(" expired on ").append(reminder.expires())
                    .append(". Since then the gateway refuses its mail with 550 5.7.1.\n\n")
                    .append("To renew it, ask for a new expiry date with this change request; once it is applied, its mail is accepted"
                            + " again:\n\n  ").append(links.renewal(application, reminder.expires())).append('\n');
        }
        text.append("\nYou receive this as a manager or owner of ").append(application).append(" or of its entity.\n");
        return text.toString();
    }

    static byte[] write(Reminder reminder, Optional<StaleFinding> stale, int staleDays, RequestLink links, MailAddress from,
                        List<MailAddress> to, Instant now, String hostname) {
        return new PlainTextNotice(AUTHOR, from, to, subject(reminder, stale), now, "hygiene-" + reminder.application(),
                body(reminder, stale, staleDays, links)).write(hostname);
    }
}
