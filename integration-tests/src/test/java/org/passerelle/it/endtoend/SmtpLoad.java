package org.passerelle.it.endtoend;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load of numbered messages from the billing application (127.0.0.1) over several sessions to
 * one port, as an application server behind a load balancer sends: a session that breaks (its node
 * died) is opened again, and the message it was sending counts as not acknowledged, as its client
 * would see it. Each message's Message-Id is {@code <prefix><n>@billing.managed.test}.
 */
final class SmtpLoad {

    private final String prefix;
    private final int messages;
    private final int port;
    private final ExecutorService sessions;
    private final int sessionCount;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger broken = new AtomicInteger();

    SmtpLoad(String name, int messages, int sessions, int port) {
        this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        this.messages = messages;
        this.port = port;
        this.sessionCount = sessions;
        this.sessions = Executors.newFixedThreadPool(sessions);
    }

    /** What every Message-Id of this load starts with, to count them at the sink. */
    String prefix() {
        return prefix;
    }

    SmtpLoad start() {
        for (int i = 0; i < sessionCount; i++) {
            sessions.submit(this::send);
        }
        sessions.shutdown();
        return this;
    }

    /** The Message-Ids answered {@code 250} so far. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Sessions that broke before their messages ran out. */
    int broken() {
        return broken.get();
    }

    void awaitAcknowledged(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (acknowledged.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(acknowledged.size() + " of " + count + " messages acknowledged after " + timeout);
            }
            PasserelleServer.sleep(Duration.ofMillis(20));
        }
    }

    /** Waits until every message was sent, acknowledged or not. */
    void awaitEnd(Duration timeout) {
        try {
            if (!sessions.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                sessions.shutdownNow();
                throw new AssertionError("the load was still sending after " + timeout + ": " + acknowledged.size() + " acknowledged");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void send() {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
        while (next.get() < messages && Instant.now().isBefore(giveUp)) {
            try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", port)) {
                if (!smtp.greeting().startsWith("220") || !smtp.send("EHLO load.billing.corp.test").startsWith("250")) {
                    broken.incrementAndGet();
                    continue;
                }
                sendUntilBroken(smtp);
            } catch (UncheckedIOException e) {
                // the node went away under the session (or before it): a new session goes to another node
                broken.incrementAndGet();
                PasserelleServer.sleep(Duration.ofMillis(100));
            }
        }
    }

    private void sendUntilBroken(SmtpDialogue smtp) {
        for (int n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
            String id = prefix + n + "@billing.managed.test";
            if (!smtp.send("MAIL FROM:<billing@managed.test>").startsWith("250") || !smtp.send("RCPT TO:<load@external.test>").startsWith("250")
                    || !smtp.send("DATA").startsWith("354")) {
                broken.incrementAndGet();
                return;
            }
            if (!smtp.data("Message-Id: <" + id + ">\r\nSubject: load " + n + "\r\n\r\nmessage " + n).startsWith("250 ")) {
                broken.incrementAndGet();
                return;
            }
            acknowledged.add(id);
        }
    }
}
