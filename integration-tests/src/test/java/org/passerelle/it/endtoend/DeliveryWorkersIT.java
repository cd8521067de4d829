package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's delivery workers (20 by default) claim due messages from one table at once, in
 * batches: under a concurrent load each message still reaches the next hop exactly once.
 */
@ExtendWith(Passerelle.Extension.class)
class DeliveryWorkersIT {

    private static final int MESSAGES = 600;
    private static final int SESSIONS = 10;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-Id: <(workers-[^>]+)>$");

    private final Passerelle passerelle;

    DeliveryWorkersIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @Test
    void workersClaimingFromOneTableDeliverEveryMessageExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            clients.submit(() -> {
                try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
                    smtp.send("EHLO load.billing.corp.test");
                    for (int n = next.getAndIncrement(); n < MESSAGES; n = next.getAndIncrement()) {
                        smtp.send("MAIL FROM:<billing@managed.test>");
                        smtp.send("RCPT TO:<load@external.test>");
                        smtp.send("DATA");
                        String id = "workers-" + run + "-" + n + "@billing.managed.test";
                        if (smtp.data("Message-Id: <" + id + ">\r\nSubject: load " + n + "\r\n\r\nmessage " + n).startsWith("250 ")) {
                            acknowledged.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(120, TimeUnit.SECONDS));
        assertEquals(MESSAGES, acknowledged.get());

        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, Integer> arrived = arrivals(run);
        while (arrived.size() < MESSAGES && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(500));
            arrived = arrivals(run);
        }
        PasserelleServer.sleep(Duration.ofSeconds(3));
        arrived = arrivals(run);
        assertEquals(MESSAGES, arrived.size(), "every message arrived");
        Map<String, Integer> twice = new HashMap<>(arrived);
        twice.values().removeIf(copies -> copies == 1);
        assertEquals(Map.of(), twice, "delivered more than once");
    }

    private Map<String, Integer> arrivals(String run) {
        Map<String, Integer> copies = new HashMap<>();
        for (SmtpSink.Received received : passerelle.sink.messagesContaining("workers-" + run + "-")) {
            Matcher id = MESSAGE_ID.matcher(received.message());
            if (id.find()) {
                copies.merge(id.group(1), 1, Integer::sum);
            }
        }
        return copies;
    }
}
