package org.passerelle.hygiene;

import org.passerelle.settings.Setting;

/**
 * The settings of the allow-list hygiene (docs/allow-list-hygiene.md).
 *
 * @param staleDays {@code PSL_STALE_DAYS}: nothing sent for that many days makes an application or network stale
 * @param staleReminderDays {@code PSL_STALE_REMINDER_DAYS}: a stale entry is reminded again after that many days
 * @param console {@code PSL_CONSOLE_URL}: the console's address in the mailed links
 */
public record HygieneSettings(int staleDays, int staleReminderDays, String console) {

    public static HygieneSettings fromServer() {
        String console = Setting.optionalText("psl.console.url")
                .orElse("https://" + Setting.text("psl.hostname") + ":8443/console");
        return new HygieneSettings(Setting.integer("psl.stale-days"), Setting.integer("psl.stale-reminder-days"), console);
    }
}
