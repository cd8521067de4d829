package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real haproxy (Debian's package) in front of Passerelle nodes, started and stopped by
 * {@code cluster/balancer.sh} on ports of its own: TCP on the relay, submission and submissions
 * ports, SMTP health checks, and a PROXY protocol v2 header from {@link #SOURCE} on every
 * connection, which the nodes trust through {@code PSL_SMTP_PROXY_NETWORKS}.
 */
final class Balancer implements AutoCloseable {

    /** The address haproxy connects to the nodes from; no sample application's network holds it. */
    static final String SOURCE = "127.0.0.30";

    /** One node's SMTP ports, as the balancer reaches them. */
    record Node(int relay, int submission, int submissions) {

        String spec() {
            return "127.0.0.1:" + relay + ":" + submission + ":" + submissions;
        }
    }

    private final Path dir;
    private final int relayPort;
    private final int submissionPort;
    private final int submissionsPort;
    private final int statsPort;
    private final HttpClient http = HttpClient.newHttpClient();

    Balancer(Path dir, int relayPort, int submissionPort, int submissionsPort, int statsPort) {
        this.dir = dir;
        this.relayPort = relayPort;
        this.submissionPort = submissionPort;
        this.submissionsPort = submissionsPort;
        this.statsPort = statsPort;
    }

    int relayPort() {
        return relayPort;
    }

    int submissionPort() {
        return submissionPort;
    }

    int submissionsPort() {
        return submissionsPort;
    }

    /** Starts haproxy in front of these nodes (named node1, node2, ... in their order); returns once it listens. */
    void start(List<Node> nodes) {
        script("start", "--dir", dir.toString(),
                "--nodes", nodes.stream().map(Node::spec).collect(Collectors.joining(",")),
                "--listen", relayPort + "," + submissionPort + "," + submissionsPort,
                "--source", SOURCE, "--stats", String.valueOf(statsPort));
    }

    void stop() {
        script("stop", "--dir", dir.toString());
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Each node's state in a listener ({@code relay}, {@code submission}, {@code submissions}) as
     * haproxy's checks see it, e.g. {@code node1 -> UP}, with the last check's outcome
     * ({@code UP L7OK 221}).
     */
    Map<String, String> states(String listener) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String[] fields : nodeRows(listener)) {
            // CSV columns: 17 status, 36 check status, 37 check code
            states.put(fields[1], fields[17] + " " + fields[36] + " " + fields[37]);
        }
        return states;
    }

    /** The statistics rows of the listener's nodes (CSV columns: 0 proxy, 1 server, ...). */
    private List<String[]> nodeRows(String listener) {
        List<String[]> rows = new ArrayList<>();
        for (String line : stats().split("\n")) {
            String[] fields = line.split(",", -1);
            if (fields.length > 37 && fields[0].equals(listener) && !fields[1].equals("FRONTEND") && !fields[1].equals("BACKEND")) {
                rows.add(fields);
            }
        }
        return rows;
    }

    /** The connections haproxy has passed to each node of the listener since it started, e.g. {@code node1 -> 4}. */
    Map<String, Long> sessions(String listener) {
        Map<String, Long> sessions = new LinkedHashMap<>();
        for (String[] fields : nodeRows(listener)) {
            // CSV column 7: stot, the sessions (connections) in total
            sessions.put(fields[1], Long.parseLong(fields[7]));
        }
        return sessions;
    }

    /**
     * Waits until haproxy's last check of the node in the listener passed (haproxy starts with every
     * node up, before any check: {@code UP 1/2 INI}); the states if it never does.
     */
    void awaitUp(String listener, String node, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!states(listener).getOrDefault(node, "").startsWith("UP L7OK ")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(listener + "/" + node + " not up after " + timeout + ": " + states(listener)
                        + "\nhaproxy log:\n" + log());
            }
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
    }

    /** haproxy's log: state changes of the nodes, and one line per connection with the client's address. */
    String log() {
        try {
            Path log = dir.resolve("haproxy.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String stats() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/;csv")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void script(String... arguments) {
        // the tests run in the integration-tests folder; the script is the one an operator runs
        Path script = Path.of(System.getProperty("user.dir")).resolveSibling("cluster").resolve("balancer.sh");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
