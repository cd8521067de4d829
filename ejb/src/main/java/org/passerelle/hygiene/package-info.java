/**
 * Hygiene of the allow-lists (docs/allow-list-hygiene.md): when each application last sent from each
 * of its networks ({@link LastUse}, kept in memory by the SMTP sessions and flushed in batches), which
 * applications and networks are stale ({@link Staleness}), which reminders are due
 * ({@link ReminderPlan}: stale entries, expiry in 30 and 7 days, expired), and the job that mails them
 * once ({@link HygieneSchedule}, {@link HygieneRun}).
 */
package org.passerelle.hygiene;
