package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A server whose login realm would reach a remote directory over plain {@code ldap://} does not
 * serve: it says why, naming the setting, and stops, so no login page, API or SMTP listener ever
 * takes a password. A server of its own (ports and database derived from the
 * end-to-end ones), started here.
 */
class PlaintextDirectoryIT {

    private static final Duration BOOT_LIMIT = Duration.ofMinutes(3);

    @Test
    void aPlainLdapRealmUrlToAnotherHostStopsPasserelleFromServingNamingTheSetting() throws Exception {
        int offset = TestSettings.port("e2e.port.offset") + 50;
        int smtpPort = TestSettings.port("e2e.smtp.port") + 50;
        Path base = TestSettings.path("work.dir").resolve("plaintext-server");
        String database = TestSettings.get("e2e.database") + "_plain";
        Process fresh = new ProcessBuilder(Path.of(System.getProperty("user.dir"), "fresh-server.sh").toString(), base.toString(), database)
                .redirectErrorStream(true).start();
        String output = new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fresh.waitFor(), output);
        PasserelleServer server = new PasserelleServer(TestSettings.path("server.home"), base, offset, smtpPort, Map.ofEntries(
                Map.entry("PSL_JDBC_URL", TestSettings.get("it.db.url") + "/" + database),
                Map.entry("PSL_DB_USER", TestSettings.get("it.db.user")),
                Map.entry("PSL_DB_PASSWORD", TestSettings.get("it.db.password")),
                Map.entry("PSL_LDAP_URL", TestSettings.get("it.ldap.url")),
                // TEST-NET-1: nothing answers there, and nothing needs to: the URL alone is refused
                Map.entry("PSL_LDAP_REALM_URL", "ldap://192.0.2.10:389"),
                Map.entry("PSL_SMTP_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("PSL_SMTP_PORT", String.valueOf(smtpPort)),
                Map.entry("PSL_SUBMISSION_PORT", String.valueOf(TestSettings.port("e2e.submission.port") + 50)),
                Map.entry("PSL_SUBMISSIONS_PORT", String.valueOf(TestSettings.port("e2e.submissions.port") + 50)),
                Map.entry("PSL_HOSTNAME", "plaintext.passerelle.test"),
                Map.entry("PSL_INCIDENT_MONITOR_SECONDS", "86400")));
        server.launch();
        boolean exited = server.exitsWithin(BOOT_LIMIT);
        if (!exited) {
            server.kill();
        }

        assertTrue(exited, "the server still runs:\n" + server.logTail());
        String log = server.log();
        assertTrue(log.contains("PSL_LDAP_REALM_URL (else PSL_LDAP_URL) ldap://192.0.2.10:389 would send the passwords of API"
                + " and console logins in clear text"), server.logTail());
        assertTrue(log.contains("PSL_LDAP_REALM_PLAINTEXT_ALLOWED=true"), server.logTail());
        assertFalse(PasserelleServer.answers(offset + 8443), "no API asks for a password");
        assertFalse(PasserelleServer.answers(smtpPort), "no SMTP listener takes AUTH passwords");
    }
}
