package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Artemis broker that the nodes of a cluster share, run by {@code cluster/broker.sh} under a
 * folder of its own (its journal kept across {@link #stop()} and {@link #start()}), on 127.0.0.1.
 * Nodes reach it through {@link #nodeEnvironment()} and {@code standalone-cluster.xml}
 * ({@link PasserelleServer#onConfiguration}); {@link #deliveryQueue()} reads the broker's own count
 * of wake-ups.
 */
final class Broker implements AutoCloseable {

    /** What the broker says of the delivery queue: its consumers (a node's MDB each) and the wake-ups added since it started. */
    record QueueStat(int consumers, long messagesAdded) {
    }

    private static final String QUEUE = "DeliveryQueue";
    private static final String USER = "passerelle-nodes";
    // the row of `artemis queue stat`: |NAME|ADDRESS|CONSUMER_COUNT|MESSAGE_COUNT|MESSAGES_ADDED|...
    private static final Pattern STAT_ROW = Pattern.compile("(?m)^\\|\\s*" + QUEUE + "\\s*\\|\\s*" + QUEUE + "\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|");

    private final Path script;
    private final Path dir;
    private final int port;
    private final String password;

    /**
     * @param dir  its folder (instance, journal, log, pid)
     * @param port its core acceptor's port, on 127.0.0.1
     */
    Broker(Path dir, int port) {
        this.script = TestSettings.path("broker.script");
        this.dir = dir;
        this.port = port;
        // not the default, so that a node left on the default would be refused
        this.password = UUID.randomUUID().toString();
    }

    int port() {
        return port;
    }

    void start() {
        run(List.of(script.toString(), "start", "--dir", dir.toString(), "--port", String.valueOf(port)), 120);
    }

    void stop() {
        run(List.of(script.toString(), "stop", "--dir", dir.toString()), 60);
    }

    /** What a node needs to use this broker (with {@code standalone-cluster.xml}). */
    Map<String, String> nodeEnvironment() {
        return Map.of("PSL_BROKER_HOST", "127.0.0.1", "PSL_BROKER_PORT", String.valueOf(port),
                "PSL_BROKER_USER", USER, "PSL_BROKER_PASSWORD", password);
    }

    /** The delivery queue as the broker counts it, through its own command line tool. */
    QueueStat deliveryQueue() {
        // the tool reads its credentials from options only; this broker's password is made for the test run
        String output = run(List.of(dir.resolve("instance/bin/artemis").toString(), "queue", "stat", "--silent",
                "--url", "tcp://127.0.0.1:" + port, "--user", USER, "--password", password, "--queueName", QUEUE), 60);
        Matcher row = STAT_ROW.matcher(output);
        if (!row.find()) {
            throw new IllegalStateException("no " + QUEUE + " row in artemis queue stat:\n" + output);
        }
        return new QueueStat(Integer.parseInt(row.group(1)), Long.parseLong(row.group(3)));
    }

    private String run(List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            // broker.sh reads the credentials from the environment, not from a command line that ps shows
            builder.environment().put("PSL_BROKER_USER", USER);
            builder.environment().put("PSL_BROKER_PASSWORD", password);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
