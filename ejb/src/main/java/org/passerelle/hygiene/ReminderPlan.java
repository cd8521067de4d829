package org.passerelle.hygiene;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.passerelle.directory.SenderApplication;

/**
 * Which reminders are due for an application now, given those already sent. A stale application
 * (or stale networks) is reminded again only once the reminder period ({@code PSL_STALE_REMINDER_DAYS})
 * has passed since the last reminder; each expiry notice (30 days before, 7 days before, the day it
 * expires) is sent once for a given date, so a renewal to a new date brings its own. When the job
 * first sees an application with less than 7 days left, only the 7-day reminder is sent.
 */
public final class ReminderPlan {

    static final String STALE = "stale";

    private final Duration remindEvery;

    public ReminderPlan(int remindEveryDays) {
        this.remindEvery = Duration.ofDays(Math.max(1, remindEveryDays));
    }

    /** @param reminded when each subject was last reminded */
    public List<Reminder> due(SenderApplication application, Optional<StaleFinding> stale, Map<String, Instant> reminded,
                              LocalDate today, Instant now) {
        List<Reminder> due = new ArrayList<>();
        if (stale.isPresent()) {
            Instant last = reminded.get(STALE);
            if (last == null || !last.plus(remindEvery).isAfter(now)) {
                due.add(new Reminder(Reminder.Kind.STALE, application.name(), STALE, null));
            }
        }
        expiry(application, today).filter(reminder -> !reminded.containsKey(reminder.subject())).ifPresent(due::add);
        return due;
    }

    private static Optional<Reminder> expiry(SenderApplication application, LocalDate today) {
        LocalDate expires = application.expires();
        if (expires == null) {
            return Optional.empty();
        }
        long daysLeft = ChronoUnit.DAYS.between(today, expires);
        Reminder.Kind kind = daysLeft <= 0 ? Reminder.Kind.EXPIRED
                : daysLeft <= 7 ? Reminder.Kind.EXPIRES_IN_7_DAYS
                : daysLeft <= 30 ? Reminder.Kind.EXPIRES_IN_30_DAYS : null;
        return kind == null ? Optional.empty() : Optional.of(new Reminder(kind, application.name(), subject(kind, expires), expires));
    }

    private static String subject(Reminder.Kind kind, LocalDate expires) {
        return switch (kind) {
            case EXPIRES_IN_30_DAYS -> "expires-30:" + expires;
            case EXPIRES_IN_7_DAYS -> "expires-7:" + expires;
            default -> "expired:" + expires;
        };
    }
}
