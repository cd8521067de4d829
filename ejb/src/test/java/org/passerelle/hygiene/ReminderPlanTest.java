package org.passerelle.hygiene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.passerelle.directory.SenderApplication;

class ReminderPlanTest {

    private final ReminderPlan plan = new ReminderPlan(30);

    private static SenderApplication expiring(String date) {
        return new SenderApplication("billing", SenderApplication.Status.ACTIVE, List.of(), List.of(), List.of("gw-paris"), "finance",
                null, null, List.of(), List.of(), null, date == null ? null : LocalDate.parse(date));
    }

    private static StaleFinding stale() {
        return new StaleFinding("billing", "finance", true, List.of("10.20.0.0/24"), List.of(), null, null);
    }

    /** The kinds due on that day, the clock at noon UTC, with those reminders already sent. */
    private List<Reminder.Kind> dueOn(String day, SenderApplication application, Optional<StaleFinding> stale, Map<String, Instant> sent) {
        Clock clock = Clock.fixed(LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        return plan.due(application, stale, sent, LocalDate.now(clock), clock.instant()).stream().map(Reminder::kind).toList();
    }

    @Test
    void nothingIsDueForAnApplicationInUseWithoutExpiry() {
        assertTrue(dueOn("2027-01-01", expiring(null), Optional.empty(), Map.of()).isEmpty());
    }

    @Test
    void aStaleApplicationIsRemindedOnceAPeriodNotEveryDay() {
        SenderApplication billing = expiring(null);
        assertEquals(List.of(Reminder.Kind.STALE), dueOn("2027-01-01", billing, Optional.of(stale()), Map.of()));

        Map<String, Instant> remindedThatDay = Map.of("stale", Instant.parse("2027-01-01T12:00:00Z"));
        assertTrue(dueOn("2027-01-02", billing, Optional.of(stale()), remindedThatDay).isEmpty(), "not the next day");
        assertTrue(dueOn("2027-01-30", billing, Optional.of(stale()), remindedThatDay).isEmpty(), "not within the 30 days");
        assertEquals(List.of(Reminder.Kind.STALE), dueOn("2027-01-31", billing, Optional.of(stale()), remindedThatDay),
                "again once the period has passed");
    }

    @Test
    void expiryRemindersComeThirtyAndSevenDaysBeforeEachOnce() {
        SenderApplication billing = expiring("2027-03-31");
        assertTrue(dueOn("2027-02-28", billing, Optional.empty(), Map.of()).isEmpty(), "31 days before: nothing yet");
        assertEquals(List.of(Reminder.Kind.EXPIRES_IN_30_DAYS), dueOn("2027-03-01", billing, Optional.empty(), Map.of()));

        Map<String, Instant> thirtySent = Map.of("expires-30:2027-03-31", Instant.parse("2027-03-01T12:00:00Z"));
        assertTrue(dueOn("2027-03-02", billing, Optional.empty(), thirtySent).isEmpty(), "the 30-day reminder once");
        assertTrue(dueOn("2027-03-23", billing, Optional.empty(), thirtySent).isEmpty(), "8 days before: nothing");
        assertEquals(List.of(Reminder.Kind.EXPIRES_IN_7_DAYS), dueOn("2027-03-24", billing, Optional.empty(), thirtySent));

        Map<String, Instant> bothSent = Map.of("expires-30:2027-03-31", Instant.parse("2027-03-01T12:00:00Z"),
                "expires-7:2027-03-31", Instant.parse("2027-03-24T12:00:00Z"));
        assertTrue(dueOn("2027-03-30", billing, Optional.empty(), bothSent).isEmpty(), "the 7-day reminder once");
    }

    @Test
    void onTheDayTheExpiredNoticeIsDueOnceAndANewDateBringsItsOwnReminders() {
        SenderApplication billing = expiring("2027-03-31");
        assertEquals(List.of(Reminder.Kind.EXPIRED), dueOn("2027-03-31", billing, Optional.empty(), Map.of()));
        Map<String, Instant> expiredSent = Map.of("expired:2027-03-31", Instant.parse("2027-03-31T12:00:00Z"));
        assertTrue(dueOn("2027-04-05", billing, Optional.empty(), expiredSent).isEmpty());

        assertEquals(List.of(Reminder.Kind.EXPIRES_IN_30_DAYS), dueOn("2027-04-05", expiring("2027-05-01"), Optional.empty(), expiredSent),
                "renewed to a new date: that date's reminders");
    }

    @Test
    void anApplicationFirstSeenSixDaysBeforeItsExpiryGetsOnlyTheSevenDayReminder() {
        assertEquals(List.of(Reminder.Kind.EXPIRES_IN_7_DAYS), dueOn("2027-03-25", expiring("2027-03-31"), Optional.empty(), Map.of()));
    }

    @Test
    void staleAndExpiringAreBothDue() {
        assertEquals(List.of(Reminder.Kind.STALE, Reminder.Kind.EXPIRES_IN_30_DAYS),
                dueOn("2027-03-10", expiring("2027-03-31"), Optional.of(stale()), Map.of()));
    }
}
