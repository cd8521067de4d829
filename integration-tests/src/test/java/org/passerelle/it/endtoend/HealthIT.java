package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Liveness and readiness, as a load balancer or Kubernetes probe asks them, without a login and over
 * plain HTTP: ready names PostgreSQL, the directory and Artemis, and is down (503) while the
 * directory is.
 */
@ExtendWith(Passerelle.Extension.class)
class HealthIT {

    private final Passerelle passerelle;

    HealthIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private record Health(int status, JsonObject body) {
        /** Each check's status by its name. */
        Map<String, String> checks() {
            return body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        }
    }

    private Health health(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = passerelle.server.httpClient().send(
                HttpRequest.newBuilder(passerelle.server.http("/api" + path)).build(), HttpResponse.BodyHandlers.ofString());
        return new Health(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
    }

    private Health awaitStatus(String path, int status) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        Health health = health(path);
        while (health.status() != status && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(500));
            health = health(path);
        }
        assertEquals(status, health.status(), health.body().toString());
        return health;
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

    @Test
    void aliveWhileTheDeliveryWorkersRun() throws Exception {
        Health live = health("/health/live");
        assertEquals(200, live.status(), live.body().toString());
        assertEquals("UP", live.checks().get("delivery-workers"), live.body().toString());
    }

    @Test
    void readyWithTheDatabaseDirectoryAndMessagingAndNotWhileTheDirectoryIsDown() throws Exception {
        Health ready = awaitStatus("/health/ready", 200);
        for (String check : new String[] {"database", "directory", "messaging"}) {
            assertEquals("UP", ready.checks().get(check), check + ": " + ready.body());
        }
        String dir = TestSettings.get("slapd.dir");
        slapd("stop", "--dir", dir);
        try {
            Health down = awaitStatus("/health/ready", 503);
            assertEquals("DOWN", down.checks().get("directory"), down.body().toString());
            assertEquals("UP", down.checks().get("database"), down.body().toString());
            assertEquals(200, health("/health/live").status(), "a directory outage is no reason to restart the server");
        } finally {
            slapd("start", "--dir", dir, "--port", TestSettings.get("it.ldap.port"));
        }
        assertEquals("UP", awaitStatus("/health/ready", 200).checks().get("directory"));
    }
}
