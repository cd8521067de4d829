package org.passerelle.it.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provisioned Passerelle server as a process of its own, so that tests can stop it, kill it
 * with SIGKILL and start it again on the same state (its base folder, its database).
 */
final class PasserelleServer {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final Path baseDir;
    private final int portOffset;
    private final int smtpPort;
    private final Map<String, String> environment;
    private final String serverConfig;
    private Process launcher;
    private int boots;

    PasserelleServer(Path home, Path baseDir, int portOffset, int smtpPort, Map<String, String> environment) {
        this(home, baseDir, portOffset, smtpPort, environment, "standalone.xml");
    }

    private PasserelleServer(Path home, Path baseDir, int portOffset, int smtpPort, Map<String, String> environment, String serverConfig) {
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.smtpPort = smtpPort;
        this.environment = environment;
        this.serverConfig = serverConfig;
    }

    /**
     * This server started on another configuration file of its base folder: {@code standalone-cluster.xml},
     * a node of several, with the shared broker the environment names ({@link Broker#nodeEnvironment()}).
     */
    PasserelleServer onConfiguration(String serverConfig) {
        return new PasserelleServer(home, baseDir, portOffset, smtpPort, environment, serverConfig);
    }

    int smtpPort() {
        return smtpPort;
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + portOffset) + path);
    }

    URI https(String path) {
        return URI.create("https://127.0.0.1:" + (8443 + portOffset) + path);
    }

    /** The management interface: metrics ({@code /metrics}) and health ({@code /health/...}). */
    URI management(String path) {
        return URI.create("http://127.0.0.1:" + (9990 + portOffset) + path);
    }

    /** An HTTP client that trusts this server's generated certificate, and follows no redirect. */
    HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(ServerCertificateTrust.of(baseDir.resolve("configuration/https.p12"))).build();
    }

    void start() {
        launch();
        try {
            awaitReady();
        } catch (RuntimeException e) {
            // a server that never became ready must not stay behind holding the ports
            if (Files.exists(pidFile())) {
                kill();
            }
            throw e;
        }
    }

    /** Starts the server process without waiting for it to be ready. */
    void launch() {
        boots++;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(), "-c", serverConfig,
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset));
        if (environment.containsKey("PSL_NODE_ID")) {
            // nodes on one machine share its host name: WildFly's node name is the node's own, as ./passerelle node sets it
            command.add("-Djboss.node.name=" + environment.get("PSL_NODE_ID"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(baseDir.resolve("console-" + boots + ".log").toFile());
        builder.environment().putAll(environment);
        // the script then runs Java in the background and writes its pid, so SIGKILL reaches the JVM
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        builder.environment().put("JBOSS_PIDFILE", pidFile().toString());
        try {
            Files.deleteIfExists(pidFile());
            launcher = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graceful shutdown, as an operator would do. */
    void stop() {
        serverProcess().destroy();
        awaitExit();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already durable. */
    void kill() {
        serverProcess().destroyForcibly();
        awaitExit();
    }

    /** Whether the server process ended by itself within the time, and so its launcher. */
    boolean exitsWithin(Duration time) {
        try {
            return launcher.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's JVM, for what {@code /proc} tells of it (threads, open files). */
    long pid() {
        return serverProcess().pid();
    }

    private ProcessHandle serverProcess() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("server process " + pid + " is gone"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitExit() {
        try {
            launcher.waitFor();
            Instant deadline = Instant.now().plusSeconds(30);
            while (answers(smtpPort) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path pidFile() {
        return baseDir.resolve("server.pid");
    }

    // Ready means deployed: the API answers (asking for a login) and the SMTP listener greets.
    private void awaitReady() {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the server exited while starting:\n" + logTail());
            }
            if (ready()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the server was not ready after " + BOOT_TIMEOUT + ":\n" + logTail());
    }

    /** Deployed: the API answers (asking for a login) and the SMTP listener greets. */
    boolean ready() {
        return apiAnswers(httpClient()) && greets();
    }

    private boolean apiAnswers(HttpClient client) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(https("/api/v1/messages?limit=1")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean greets() {
        try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
            socket.setSoTimeout(5_000);
            String banner = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return banner != null && banner.startsWith("220 ");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on that port of 127.0.0.1. */
    static boolean answers(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server log so far, empty before there is one. */
    String log() {
        try {
            Path log = baseDir.resolve("log/server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(baseDir.resolve("log/server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
