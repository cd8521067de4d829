package org.passerelle.greylist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GreylistSettingsTest {

    private static Map<String, String> defaults() {
        Map<String, String> values = new HashMap<>();
        values.put("psl.greylist.enabled", "true");
        values.put("psl.greylist.delay-seconds", "300");
        values.put("psl.greylist.pending-seconds", "54000");
        values.put("psl.greylist.confirmed-seconds", "1296000");
        values.put("psl.greylist.auto-allow-passes", "5");
        values.put("psl.greylist.ipv4-prefix", "24");
        values.put("psl.greylist.ipv6-prefix", "64");
        values.put("psl.greylist.reply-text", "Greylisted, please try again later");
        return values;
    }

    @Test
    void theShippedDefaultsAreRead() {
        GreylistSettings settings = GreylistSettings.read(defaults()::get);
        assertTrue(settings.enabled());
        assertEquals(Duration.ofMinutes(5), settings.delay());
        assertEquals(Duration.ofHours(15), settings.pendingLifetime());
        assertEquals(Duration.ofDays(15), settings.confirmedLifetime());
        assertEquals(5, settings.autoAllowPasses());
        assertEquals(24, settings.ipv4Prefix());
        assertEquals(64, settings.ipv6Prefix());
    }

    @Test
    void everySettingOutOfRangeIsNamedByItsVariable() {
        Map<String, String> values = defaults();
        values.put("psl.greylist.ipv4-prefix", "33");
        values.put("psl.greylist.delay-seconds", "five minutes");
        values.put("psl.greylist.enabled", "yes");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GreylistSettings.read(values::get));
        assertTrue(refused.getMessage().contains("PSL_GREYLIST_IPV4_PREFIX=33: must be a whole number from 8 to 32"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PSL_GREYLIST_DELAY_SECONDS=five minutes"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PSL_GREYLIST_ENABLED=yes: must be true or false"), refused.getMessage());
    }

    @Test
    void aPendingLifetimeNotLongerThanTheDelayIsRefused() {
        Map<String, String> values = defaults();
        values.put("psl.greylist.pending-seconds", "300");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GreylistSettings.read(values::get));
        assertTrue(refused.getMessage().contains("PSL_GREYLIST_PENDING_SECONDS=300: must be longer than PSL_GREYLIST_DELAY_SECONDS"),
                refused.getMessage());
    }

    @Test
    void aReplyTextThatCouldBreakTheReplyLineIsRefused() {
        Map<String, String> values = defaults();
        values.put("psl.greylist.reply-text", "try later\r\n250 ok");
        assertThrows(IllegalArgumentException.class, () -> GreylistSettings.read(values::get));
    }

    @Test
    void offIsASetting() {
        Map<String, String> values = defaults();
        values.put("psl.greylist.enabled", "false");
        assertFalse(GreylistSettings.read(values::get).enabled());
    }
}
