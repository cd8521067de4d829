package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten thousand sessions of random, grammar-shaped SMTP ({@link SmtpFuzzer}) from several clients at
 * once against the running server. Afterwards it answers a normal message at once, its JVM holds
 * no more threads and open files than before (measured against a baseline taken after a warm-up
 * of the same shape, so that pools that grow to the load are not taken for leaks), and every
 * message in the queue is one whose {@code 250 ... queued as} a client received.
 */
@ExtendWith(Passerelle.Extension.class)
class SessionFuzzIT {

    private static final int SESSIONS = Integer.getInteger("fuzz.sessions", 10_000);
    private static final int WARM_UP = Integer.getInteger("fuzz.warm-up-sessions", 600);
    private static final int CLIENTS = Integer.getInteger("fuzz.clients", 12);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(2);
    /**
     * Room for threads and connections that come and go with the load (the broker's client threads,
     * pooled connections to the next hop); a leak per session, TLS session or message would leave
     * hundreds or thousands.
     */
    private static final int THREAD_GROWTH_LIMIT = 25;
    private static final int FILE_GROWTH_LIMIT = 40;

    private final Passerelle passerelle;

    SessionFuzzIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private record Usage(long threads, long files) {
    }

    @Test
    void tenThousandRandomSessionsLeaveTheServerAnsweringLeakingNothingAndQueuingOnlyWhatItAcknowledged() throws Exception {
        Set<String> before = queueIds();
        String marker = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        SmtpFuzzer fuzzer = new SmtpFuzzer(passerelle.server.smtpPort(), marker);

        run(fuzzer, 0, WARM_UP);
        settle(before, fuzzer.acknowledged());
        Usage baseline = usage(true);

        Instant start = Instant.now();
        Map<String, AtomicInteger> failures = run(fuzzer, WARM_UP, SESSIONS);
        Duration took = Duration.between(start, Instant.now());

        Instant asked = Instant.now();
        String normal = normalMessage(marker);
        Duration answeredIn = Duration.between(asked, Instant.now());
        assertTrue(answeredIn.compareTo(Duration.ofSeconds(5)) < 0, "a normal message took " + answeredIn);

        Set<String> acknowledged = new HashSet<>(fuzzer.acknowledged());
        acknowledged.add(normal);
        settle(before, acknowledged);
        Usage after = usage(false);

        System.out.printf("fuzz: %d sessions in %s (%d clients), %d greeted, %d over TLS, %d cut off, %d slow to close,"
                        + " %d messages acknowledged, client-side errors %s; threads %d -> %d, open files %d -> %d%n",
                SESSIONS, took, CLIENTS, fuzzer.greeted.get(), fuzzer.tls.get(), fuzzer.cutOff.get(), fuzzer.slow.get(),
                acknowledged.size(), failures, baseline.threads(), after.threads(), baseline.files(), after.files());
        fuzzer.slowShapes.forEach(shape -> System.out.println("fuzz: not closed within 5 s after QUIT: " + shape));

        assertEquals(WARM_UP + SESSIONS, fuzzer.sessions.get(), "every session was connected: " + failures);
        assertEquals(fuzzer.sessions.get(), fuzzer.greeted.get(), "every session was greeted");
        assertTrue(after.threads() <= baseline.threads() + THREAD_GROWTH_LIMIT,
                "threads grew from " + baseline.threads() + " to " + after.threads());
        assertTrue(after.files() <= baseline.files() + FILE_GROWTH_LIMIT,
                "open files grew from " + baseline.files() + " to " + after.files());
        Set<String> queued = new HashSet<>(queueIds());
        queued.removeAll(before);
        Set<String> unacknowledged = new HashSet<>(queued);
        unacknowledged.removeAll(acknowledged);
        assertEquals(Set.of(), unacknowledged, "messages in the queue that no client was told of");
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(queued);
        assertEquals(Set.of(), lost, "acknowledged messages missing from the queue");
    }

    /** Sessions {@code first} to {@code first + count - 1}, each drawn from its own seed, {@link #CLIENTS} at once. */
    private Map<String, AtomicInteger> run(SmtpFuzzer fuzzer, int first, int count) throws InterruptedException {
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = first; i < first + count; i++) {
            long seed = i;
            clients.execute(() -> {
                try {
                    fuzzer.session(seed);
                } catch (IOException | RuntimeException e) {
                    failures.computeIfAbsent(e.getClass().getSimpleName(), name -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), "the sessions did not end within " + RUN_LIMIT);
        return failures;
    }

    /** An ordinary message from the billing application, answered within the client's timeouts. */
    private String normalMessage(String marker) {
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
            assertTrue(smtp.greeting().startsWith("220 "), smtp.greeting());
            assertTrue(smtp.send("EHLO billing-app.corp.test").startsWith("250"));
            assertTrue(smtp.send("MAIL FROM:<billing@managed.test>").startsWith("250"));
            assertTrue(smtp.send("RCPT TO:<after-fuzz@external.test>").startsWith("250"));
            assertTrue(smtp.send("DATA").startsWith("354"));
            String reply = smtp.data("Subject: after " + marker + "\r\n\r\nStill here.");
            assertTrue(reply.matches("250 .*queued as \\w+"), reply);
            smtp.send("QUIT");
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    /** Waits until the messages queued since {@code before} are all delivered or failed, then a little more for pools to calm down. */
    private void settle(Set<String> before, Set<String> acknowledged) throws SQLException {
        Instant deadline = Instant.now().plus(SETTLE_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (waiting(before) == 0 && queueIds().containsAll(acknowledged)) {
                PasserelleServer.sleep(Duration.ofSeconds(3));
                return;
            }
            PasserelleServer.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError(waiting(before) + " messages still waiting after " + SETTLE_LIMIT + ":\n" + passerelle.server.logTail());
    }

    /** The server JVM's threads and open files: the highest of a few samples for a baseline, the lowest after. */
    private Usage usage(boolean highest) {
        Path process = Path.of("/proc", String.valueOf(passerelle.server.pid()));
        long threads = highest ? 0 : Long.MAX_VALUE;
        long files = threads;
        for (int i = 0; i < 5; i++) {
            long t = count(process.resolve("task"));
            long f = count(process.resolve("fd"));
            threads = highest ? Math.max(threads, t) : Math.min(threads, t);
            files = highest ? Math.max(files, f) : Math.min(files, f);
            PasserelleServer.sleep(Duration.ofSeconds(1));
        }
        return new Usage(threads, files);
    }

    private static long count(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(TestSettings.get("it.db.url") + "/" + TestSettings.get("e2e.database"),
                TestSettings.get("it.db.user"), TestSettings.get("it.db.password"));
    }

    /** The queue ids of the messages clients sent (not the notices Passerelle writes itself). */
    private static Set<String> queueIds() throws SQLException {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("select queue_id from message where listener <> 'local'");
             ResultSet rows = select.executeQuery()) {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static long waiting(Set<String> before) throws SQLException {
        try (Connection db = database();
             PreparedStatement select = db.prepareStatement("select queue_id from message where state in ('QUEUED', 'DEFERRED')");
             ResultSet rows = select.executeQuery()) {
            long waiting = 0;
            while (rows.next()) {
                if (!before.contains(rows.getString(1))) {
                    waiting++;
                }
            }
            return waiting;
        }
    }
}
