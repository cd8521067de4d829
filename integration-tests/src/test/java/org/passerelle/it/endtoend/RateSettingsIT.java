package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A rate setting out of range stops Passerelle, and the log names the settings (issue 13, bad input):
 * a gateway whose rate checks are not what its operators set accepts nothing. A server of its own,
 * started here.
 */
class RateSettingsIT {

    private static final Duration BOOT_LIMIT = Duration.ofMinutes(3);

    @Test
    void aBlockThresholdBelowTheAlertThresholdStopsPasserelleNamingTheSettings() throws Exception {
        PasserelleServer server = RateWatchIT.server("rates-refused-server", 75, TestSettings.get("e2e.database") + "_rates_refused",
                Map.of("PSL_RATE_ALERT_PER_HOUR", "500", "PSL_RATE_BLOCK_PER_HOUR", "100"));
        server.launch();
        boolean exited = server.exitsWithin(BOOT_LIMIT);
        if (!exited) {
            server.kill();
        }

        assertTrue(exited, "the server still runs:\n" + server.logTail());
        assertTrue(server.log().contains("rate watch not started: PSL_RATE_BLOCK_PER_HOUR (100) is below PSL_RATE_ALERT_PER_HOUR (500)"),
                server.logTail());
        assertFalse(PasserelleServer.answers(server.smtpPort()), "no SMTP listener accepts mail unchecked");
    }
}
