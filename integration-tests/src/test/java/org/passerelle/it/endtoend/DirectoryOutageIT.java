package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the directory down, nothing is decided: sessions are told to retry later ({@code 451 4.3.0})
 * and nothing is relayed; when the directory is back, so is the service.
 */
@ExtendWith(Passerelle.Extension.class)
class DirectoryOutageIT {

    private final Passerelle passerelle;

    DirectoryOutageIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private static void slapd(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = TestSettings.get("slapd.script");
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("slapd.sh " + String.join(" ", arguments) + " failed");
        }
    }

    /** The reply to MAIL from the billing application, or the greeting if the session ends there. */
    private String mailFromBilling() {
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
            if (!smtp.greeting().startsWith("220")) {
                return smtp.greeting();
            }
            smtp.send("EHLO billing.corp.test");
            return smtp.send("MAIL FROM:<billing@managed.test>");
        }
    }

    @Test
    void sessionsAreDeferredWhileTheDirectoryIsDownAndServedWhenItReturns() throws Exception {
        String dir = TestSettings.get("slapd.dir");
        slapd("stop", "--dir", dir);
        try {
            PasserelleServer.sleep(Duration.ofMillis(1500)); // the cached directory copy expires after one second
            String refused = mailFromBilling();
            assertTrue(refused.startsWith("451 4.3.0"), refused);
            RestApi.Reply explained = passerelle.api.post("/policy/explain", Json.createObjectBuilder()
                    .add("clientAddress", "127.0.0.1").add("sender", "billing@managed.test").build());
            assertEquals(503, explained.status());
        } finally {
            slapd("start", "--dir", dir, "--port", TestSettings.get("it.ldap.port"));
        }
        assertTrue(mailFromBilling().startsWith("250"), "served again once the directory is back");
    }
}
