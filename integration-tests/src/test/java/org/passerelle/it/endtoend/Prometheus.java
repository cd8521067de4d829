package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A real Prometheus (Debian's package) on a port of its own (9090 + the end-to-end port offset),
 * scraping the test server's management interface every second with a configuration this class
 * writes, read back through its HTTP query API.
 */
final class Prometheus implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    Prometheus(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts scraping {@code target} (host:port) at {@code path}; waits until the target is up. */
    void start(String target, String path) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: passerelle
                        metrics_path: %s
                        static_configs:
                          - targets: ['%s']
                    """.formatted(path, target));
            process = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("up{job=\"passerelle\"}", value -> value == 1, Duration.ofSeconds(60));
    }

    /** The value of an instant query that returns one series, empty when it returns none. */
    Optional<Double> value(String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            List<JsonObject> series = result(response.body());
            return series.isEmpty() ? Optional.empty()
                    : Optional.of(Double.parseDouble(series.get(0).getJsonArray("value").getString(1)));
        } catch (IOException e) {
            return Optional.empty(); // not started yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every series of an instant query, as Prometheus returns them (a "metric" object of labels, a "value"). */
    List<JsonObject> series(String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            return result(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the query's value satisfies the test; returns that value. */
    double await(String query, DoublePredicate wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<Double> value = value(query);
        while ((value.isEmpty() || !wanted.test(value.get())) && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(500));
            value = value(query);
        }
        if (value.isEmpty() || !wanted.test(value.get())) {
            throw new AssertionError("Prometheus: " + query + " = " + value.map(String::valueOf).orElse("(no series)")
                    + " after " + timeout + "; log: " + log());
        }
        return value.get();
    }

    private static List<JsonObject> result(String body) {
        JsonObject answer = Json.createReader(new StringReader(body)).readObject();
        return answer.getJsonObject("data").getJsonArray("result").getValuesAs(JsonObject.class);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(none)";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
