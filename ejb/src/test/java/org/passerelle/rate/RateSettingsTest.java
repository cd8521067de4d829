package org.passerelle.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateSettingsTest {

    private static Map<String, String> defaults() {
        Map<String, String> settings = new HashMap<>();
        settings.put("psl.rate.window-seconds", "3600");
        settings.put("psl.rate.alert-per-hour", "500");
        settings.put("psl.rate.block-per-hour", "2500");
        settings.put("psl.rate.application-alert-per-hour", "20000");
        settings.put("psl.rate.application-block-per-hour", "0");
        settings.put("psl.rate.exceptions", "");
        settings.put("psl.rate.flush-seconds", "10");
        settings.put("psl.operations-address", "operations@managed.test");
        return settings;
    }

    private static String refusal(String name, String value) {
        Map<String, String> settings = defaults();
        settings.put(name, value);
        return assertThrows(IllegalStateException.class, () -> RateSettings.read(settings::get)).getMessage();
    }

    @Test
    void theDefaultsAreAnHourWithTheOperatorsThresholds() {
        RateSettings settings = RateSettings.read(defaults()::get);
        assertEquals(3600, settings.window().length().toSeconds());
        assertEquals(500, settings.clients().alert());
        assertEquals(2500, settings.clients().block());
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheirVariable() {
        assertTrue(refusal("psl.rate.alert-per-hour", "-1").startsWith("PSL_RATE_ALERT_PER_HOUR is -1"));
        assertTrue(refusal("psl.rate.block-per-hour", "many").startsWith("PSL_RATE_BLOCK_PER_HOUR is not a whole number"));
        assertTrue(refusal("psl.rate.block-per-hour", "100").startsWith("PSL_RATE_BLOCK_PER_HOUR (100) is below PSL_RATE_ALERT_PER_HOUR"));
        assertTrue(refusal("psl.rate.window-seconds", "30").startsWith("PSL_RATE_WINDOW_SECONDS is 30, below its minimum 60"));
        assertTrue(refusal("psl.rate.flush-seconds", "2000").startsWith("PSL_RATE_FLUSH_SECONDS (2000) must be at most half"));
        assertTrue(refusal("psl.rate.exceptions", "192.0.2.0/24=5000").startsWith("PSL_RATE_EXCEPTIONS: \"192.0.2.0/24=5000\""));
        assertTrue(refusal("psl.rate.exceptions", "192.0.2.1/24=1/2").contains("host bits set"));
        assertTrue(refusal("psl.operations-address", "operations").startsWith("PSL_OPERATIONS_ADDRESS is not a mail address"));
    }

    @Test
    void exceptionsAreListedWithCommasOrSpaces() {
        Map<String, String> settings = defaults();
        settings.put("psl.rate.exceptions", "192.0.2.0/24=5000/0, 2001:db8::/48=10/20");
        RateExceptions exceptions = RateSettings.read(settings::get).exceptions();
        assertEquals(0, exceptions.of(org.passerelle.directory.NetworkRange.address("192.0.2.200")).orElseThrow().block());
        assertEquals(20, exceptions.of(org.passerelle.directory.NetworkRange.address("2001:db8::1")).orElseThrow().block());
        assertTrue(exceptions.of(org.passerelle.directory.NetworkRange.address("198.51.100.1")).isEmpty());
    }
}
