package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A rate setting out of range stops Passerelle from serving, and the log names the setting (issue
 * 13, bad input). A server of its own, started here.
 */
class RateSettingsIT {

    private static final Duration BOOT_LIMIT = Duration.ofMinutes(3);

    @Test
    void aBlockThresholdBelowTheAlertThresholdIsReportedByNameAtStartAndNothingListens() throws Exception {
        PasserelleServer server = RateWatchIT.server("rates-refused-server", 75, TestSettings.get("e2e.database") + "_rates_refused",
                Map.of("PSL_RATE_ALERT_PER_HOUR", "500", "PSL_RATE_BLOCK_PER_HOUR", "100"));
        server.launch();
        try {
            String expected = "rate watch not started: PSL_RATE_BLOCK_PER_HOUR (100) is below PSL_RATE_ALERT_PER_HOUR (500)";
            Instant end = Instant.now().plus(BOOT_LIMIT);
            while (!server.log().contains(expected) && !server.log().contains("WFLYSRV0026") && Instant.now().isBefore(end)) {
                Thread.sleep(500);
            }
            assertTrue(server.log().contains(expected), server.logTail());
            while (!server.log().contains("WFLYSRV0026") && Instant.now().isBefore(end)) {
                Thread.sleep(500); // the server says it started with errors once the deployment failed
            }
            assertFalse(answers(server.smtpPort()), "no SMTP listener accepts mail unchecked");
        } finally {
            server.kill();
        }
    }

    private static boolean answers(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
