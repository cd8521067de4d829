package org.passerelle.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.it.bench.AcceptancePaths.Path;

/**
 * Measures how many messages per second each acceptance path makes durable on this machine, with
 * 20 concurrent sessions and with one, for 4 KiB and 100 KiB messages. Run by
 * {@code integration-tests/benchmark.sh acceptance}, not by the test command: it reports figures
 * (in {@code acceptance-paths.txt} in the server's base directory), it asserts only that every
 * message was written.
 */
@ExtendWith(ArquillianExtension.class)
class AcceptancePathsBenchmark {

    private static final int[] SESSIONS = {20, 1};
    private static final int[] SIZES = {4096, 102400};
    private static final int ROUNDS = 3;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "acceptance-paths.war")
                .addClasses(AcceptancePathsBenchmark.class, AcceptancePaths.class, AcceptancePaths.Path.class, ProbeDrain.class);
    }

    @EJB
    private AcceptancePaths paths;

    @Test
    void measureEachPath() throws Exception {
        paths.createTables();
        java.nio.file.Path report = java.nio.file.Path.of(System.getProperty("jboss.server.base.dir"), "acceptance-paths.txt");
        Files.writeString(report, "round path sessions size accepted_per_s\n", StandardCharsets.US_ASCII);
        for (int round = 1; round <= ROUNDS; round++) {
            for (int size : SIZES) {
                byte[] content = new byte[size];
                Arrays.fill(content, (byte) 'x');
                for (int sessions : SESSIONS) {
                    // the paths take turns within a round, so that a busy moment of the machine does not favour one
                    for (Path path : Path.values()) {
                        run(path, sessions, content, 200);
                        int messages = (size > 10_000 ? 600 : 2000) / (sessions == 1 ? 4 : 1);
                        double rate = run(path, sessions, content, messages);
                        Files.writeString(report, String.format("%d %s %d %d %.0f%n", round, path, sessions, size, rate),
                                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
                    }
                }
            }
        }
    }

    /** Accepts that many messages over that many threads, the sweeper running for the outbox path; messages per second. */
    private double run(Path path, int sessions, byte[] content, int messages) throws Exception {
        AtomicInteger left = new AtomicInteger(messages);
        AtomicBoolean accepting = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(sessions + 1);
        Future<Integer> sweeper = threads.submit(() -> sweep(path, accepting));
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            workers.add(threads.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    paths.accept(path, content);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        accepting.set(false);
        int swept = sweeper.get();
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        if (path == Path.POSTGRESQL_OUTBOX) {
            assertEquals(messages, swept, "every outbox row is queued");
        }
        return messages / seconds;
    }

    private int sweep(Path path, AtomicBoolean accepting) throws Exception {
        if (path != Path.POSTGRESQL_OUTBOX) {
            return 0;
        }
        int swept = 0;
        while (true) {
            boolean last = !accepting.get();
            int moved = paths.sweepOutbox(200);
            swept += moved;
            if (moved == 0) {
                if (last) {
                    return swept;
                }
                Thread.sleep(20);
            }
        }
    }
}
