package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The crash test: a load of 5,000 messages, the server killed with SIGKILL midway and started
 * again. Every message that got a {@code 250} arrives at the next hop; duplicates are counted and
 * reported, not forbidden (delivery is at least once).
 */
@ExtendWith(Passerelle.Extension.class)
class CrashIT {

    private static final int MESSAGES = 5000;
    private static final int SESSIONS = 8;

    private final Passerelle passerelle;

    CrashIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterAKillInTheMiddleOfALoad() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            clients.submit(() -> send(run, next, acknowledged));
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (acknowledged.size() < MESSAGES * 2 / 5 && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(50));
        }
        passerelle.server.kill();
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        int acknowledgedBeforeTheKill = acknowledged.size();
        passerelle.server.start();

        Map<String, Integer> arrived = arrivals(run);
        Instant drained = Instant.now().plusSeconds(180);
        while (!arrived.keySet().containsAll(acknowledged) && Instant.now().isBefore(drained)) {
            PasserelleServer.sleep(Duration.ofSeconds(2));
            arrived = arrivals(run);
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(arrived.keySet());
        long twice = arrived.values().stream().filter(copies -> copies > 1).count();
        System.out.printf("crash test: %d acknowledged before the kill, %d arrived, %d lost, %d delivered more than once%n",
                acknowledgedBeforeTheKill, arrived.size(), lost.size(), twice);
        assertTrue(acknowledgedBeforeTheKill >= MESSAGES * 2 / 5, "the load was under way when the server was killed");
        assertEquals(Set.of(), lost, "acknowledged but never delivered");
    }

    /** One client session after another, until the messages run out or the server is gone. */
    private void send(String run, AtomicInteger next, Set<String> acknowledged) {
        try {
            while (next.get() < MESSAGES) {
                try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
                    smtp.send("EHLO load.billing.corp.test");
                    for (int n = next.getAndIncrement(); n < MESSAGES; n = next.getAndIncrement()) {
                        String id = "crash-" + run + "-" + n + "@billing.managed.test";
                        smtp.send("MAIL FROM:<billing@managed.test>");
                        smtp.send("RCPT TO:<load@external.test>");
                        smtp.send("DATA");
                        String reply = smtp.data("Message-Id: <" + id + ">\r\nSubject: load " + n + "\r\n\r\nmessage " + n);
                        if (reply.startsWith("250 ")) {
                            acknowledged.add(id);
                        }
                    }
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // the server was killed: what was acknowledged so far is what counts
        }
    }

    private Map<String, Integer> arrivals(String run) {
        return passerelle.sink.copiesByMessageId("crash-" + run + "-");
    }
}
