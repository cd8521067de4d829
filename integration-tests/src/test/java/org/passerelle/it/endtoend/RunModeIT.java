package org.passerelle.it.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./passerelle run} as a newcomer uses it, in a state folder of its own (holding the files a
 * crashed run leaves, which must not block it): it relays, keeps what the API writes into its
 * embedded directory across a restart, stops whole on SIGTERM or SIGINT, refuses a second run on
 * the same folder and anonymous changes to its directory. One test and two boots, to keep the test
 * command short (a minute on a quiet machine).
 *
 * <p>Its ports are the end-to-end server's shifted (port offset + 50, SMTP ports and the sink + 10,
 * directory: the private slapd's + 10), so that it runs beside that server and beside other slots.
 */
class RunModeIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);

    private static final int PORT_OFFSET = TestSettings.port("e2e.port.offset") + 50;
    private static final int SMTP_PORT = TestSettings.port("e2e.smtp.port") + 10;
    private static final int SINK_PORT = TestSettings.port("e2e.sink.port") + 10;
    private static final int LDAP_PORT = TestSettings.port("it.ldap.port") + 10;

    private static Path state;
    private static SmtpSink sink;
    private static PasserelleServer server;
    private static RestApi api;
    private static int runs;

    @BeforeAll
    static void freshStateFolder() throws IOException {
        Path work = TestSettings.path("work.dir").resolve("run-mode");
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        state = Files.createDirectories(work.resolve("state"));
        // what a run killed with everything it started leaves behind: files, but no lock
        Files.writeString(state.resolve("run.lock"), "run 4194301, directory 4194302, server 4194303\n");
        Files.writeString(state.resolve("server.pid"), "4194303\n");
        sink = new SmtpSink(SINK_PORT, work.resolve("sink"));
        sink.start();
        // the server as the run command starts it: its base folder is the state folder's standalone/
        server = new PasserelleServer(TestSettings.path("server.home"), state.resolve("standalone"), PORT_OFFSET, SMTP_PORT, Map.of());
        api = new RestApi(server).as("carol");
    }

    @AfterAll
    static void stopSink() {
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    void relaysKeepsTheDirectoryAcrossARestartAndStopsWhole() throws Exception {
        Process first = start();
        List<ProcessHandle> firstProcesses = processesOf(first);
        try {
            String marker = "run-mode-" + System.nanoTime();
            Swaks.Transcript relayed = Swaks.send(SMTP_PORT, "--from", "billing@managed.test", "--to", "someone@example.org",
                    "--header", "Subject: " + marker);
            relayed.queueId();
            awaitDelivery(marker);

            // greylisting is on by default: an unknown client is deferred the first time (README, "Try it")
            Swaks.Transcript greylisted = Swaks.send(SMTP_PORT, "--local-interface", "127.0.0.2", "--from", "x@example.org",
                    "--to", "dave@managed.test");
            assertTrue(greylisted.hasReply("451 4.7.1 Greylisted, please try again later"), greylisted.text());

            Process second = runCommand(++runs);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second run on the same state folder did not end");
            String refusal = output(runs);
            assertNotEquals(0, second.exitValue(), refusal);
            assertTrue(refusal.contains("Passerelle already runs on the state folder " + state), refusal);
            assertTrue(first.isAlive(), "the refused run stopped the first");

            assertAnonymousChangeRefused();

            RestApi.Reply created = api.post("/applications", Json.createObjectBuilder()
                    .add("name", "run-mode-app").add("status", "active").add("entity", "it")
                    .add("networks", Json.createArrayBuilder().add("10.77.0.0/28"))
                    .add("allowedSenders", Json.createArrayBuilder().add("@managed.test"))
                    .add("gateways", Json.createArrayBuilder().add("gw-paris")).build());
            assertEquals(201, created.status(), String.valueOf(created.body()));

            assertTrue(firstProcesses.size() >= 4, "the script, the directory, standalone.sh and WildFly: " + firstProcesses);
            stop(first, "TERM");
            assertStopped(firstProcesses);
        } finally {
            kill(firstProcesses);
        }

        Process restarted = start();
        List<ProcessHandle> restartedProcesses = processesOf(restarted);
        try {
            RestApi.Reply found = api.get("/applications/run-mode-app");
            assertEquals(200, found.status(), String.valueOf(found.body()));
            JsonObject application = found.object();
            assertEquals(List.of("10.77.0.0/28"), application.getJsonArray("networks").getValuesAs(jakarta.json.JsonString::getString));

            // as Ctrl-C does in a terminal
            stop(restarted, "INT");
            assertStopped(restartedProcesses);
        } finally {
            kill(restartedProcesses);
        }
    }

    // the directory listens on 127.0.0.1 only, but every local user and program could change it
    private static void assertAnonymousChangeRefused() throws Exception {
        Process ldapmodify = new ProcessBuilder("ldapmodify", "-x", "-H", "ldap://127.0.0.1:" + LDAP_PORT)
                .redirectErrorStream(true).start();
        ldapmodify.getOutputStream().write(("""
                dn: cn=central,ou=groups,dc=passerelle,dc=test
                changetype: modify
                add: member
                member: uid=mallory,ou=people,dc=passerelle,dc=test
                """).getBytes(StandardCharsets.US_ASCII));
        ldapmodify.getOutputStream().close();
        String output = new String(ldapmodify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ldapmodify.waitFor(30, TimeUnit.SECONDS));
        // 50: insufficientAccessRights
        assertEquals(50, ldapmodify.exitValue(), output);
        assertTrue(output.contains("Insufficient access"), output);
        assertFalse(Files.readString(state.resolve("directory.ldif")).contains("uid=mallory"));
    }

    /** Starts the run command on the state folder and waits until it relays and its API answers. */
    private static Process start() {
        runs++;
        Process run = runCommand(runs);
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (!server.ready()) {
            if (!run.isAlive() || Instant.now().isAfter(deadline)) {
                kill(processesOf(run));
                throw new IllegalStateException("./passerelle run did not become ready:\n" + output(runs));
            }
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
        return run;
    }

    private static Process runCommand(int number) {
        // SIGINT at its default, as for a command started from a terminal: if Maven was started in
        // the background, this JVM and its children ignore it, and the script could not trap it
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", TestSettings.get("passerelle.script"), "run", "--no-build",
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET)
                .redirectErrorStream(true)
                .redirectOutput(state.resolveSibling("run-" + number + ".log").toFile());
        builder.environment().putAll(Map.of(
                "PSL_STATE_DIR", state.toString(),
                "PSL_EMBEDDED_LDAP_PORT", String.valueOf(LDAP_PORT),
                "PSL_SMTP_PORT", String.valueOf(SMTP_PORT),
                "PSL_SUBMISSION_PORT", String.valueOf(TestSettings.port("e2e.submission.port") + 10),
                "PSL_SUBMISSIONS_PORT", String.valueOf(TestSettings.port("e2e.submissions.port") + 10),
                "PSL_SMART_HOST", "[127.0.0.1]:" + SINK_PORT));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String output(int number) {
        try {
            return Files.readString(state.resolveSibling("run-" + number + ".log"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void awaitDelivery(String marker) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (sink.messagesContaining(marker).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the relayed message did not reach the sink");
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
    }

    /** The run command and every process it started (a handle is tied to its process, not to a reused pid). */
    private static List<ProcessHandle> processesOf(Process run) {
        List<ProcessHandle> processes = new ArrayList<>(run.descendants().toList());
        processes.add(run.toHandle());
        return processes;
    }

    private static void stop(Process run, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(run.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the run did not end after SIG" + signal + ":\n" + output(runs));
    }

    private static void assertStopped(List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "process " + process.pid() + " of the run is still alive: "
                    + process.info().commandLine().orElse(""));
        }
        assertFalse(answers(LDAP_PORT), "the embedded directory still answers");
        assertFalse(answers(SMTP_PORT), "the SMTP listener still answers");
    }

    private static boolean answers(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // a failed test must not leave a run holding the ports
    private static void kill(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
    }
}
