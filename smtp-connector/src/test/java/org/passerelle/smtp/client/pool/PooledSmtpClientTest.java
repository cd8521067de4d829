package org.passerelle.smtp.client.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.Messages;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.ObligingPeer;
import org.passerelle.smtp.client.SmtpPeer;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.smtp.client.protocol.SessionSettings;

/** Deliveries through the pool to scripted next hops that count the connections they get. */
class PooledSmtpClientTest {

    private static final SessionSettings SESSION = new SessionSettings("relay.passerelle.test",
            Duration.ofSeconds(5), Duration.ofSeconds(5));
    private static final String[] QUEUED = {"250 2.0.0 Ok: queued"};

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private SmtpPeer peer(ObligingPeer dialogue) throws Exception {
        SmtpPeer peer = SmtpPeer.start(dialogue);
        opened.add(peer);
        return peer;
    }

    private PooledSmtpClient client(int perHop, int overall, Duration wait, Duration idle, int reuse) {
        PooledSmtpClient client = new PooledSmtpClient(SESSION, new PoolSettings(perHop, overall, wait, idle, reuse));
        opened.add(0, client);
        return client;
    }

    private PooledSmtpClient client() {
        return client(20, 100, Duration.ofSeconds(5), Duration.ofSeconds(30), 100);
    }

    private static DeliveryResult deliver(PooledSmtpClient client, NextHop hop) {
        return client.deliver(hop, Messages.transaction("app@corp.test", "user@example.org"), TlsPolicy.MAY);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }

    @Test
    void reusesOneConnectionForSeveralMessagesToTheSameNextHop() throws Exception {
        SmtpPeer peer = peer(ObligingPeer.offering("PIPELINING"));
        PooledSmtpClient client = client();

        for (int i = 0; i < 5; i++) {
            assertArrayEquals(QUEUED, Messages.replies(deliver(client, peer.hop())));
        }

        assertEquals(1, peer.connections());
        assertEquals(5, peer.count("MAIL FROM"));
        assertEquals(5, peer.count("RSET"), "a RSET after each transaction");
        assertEquals(1, peer.count("EHLO"));
    }

    @Test
    void neverOpensMoreThanTheNextHopLimitUnderConcurrentCallers() throws Exception {
        ObligingPeer dialogue = ObligingPeer.offering("PIPELINING").slowAtDataEnd(Duration.ofMillis(20));
        SmtpPeer peer = peer(dialogue);
        PooledSmtpClient client = client(2, 100, Duration.ofSeconds(30), Duration.ofSeconds(30), 100);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<DeliveryResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(callers.submit(() -> deliver(client, peer.hop())));
            }
            for (Future<DeliveryResult> result : results) {
                assertArrayEquals(QUEUED, Messages.replies(result.get()));
            }
        } finally {
            callers.shutdown();
        }

        assertEquals(40, dialogue.messages().size());
        assertEquals(2, peer.maxConcurrent(), "connections open at once");
        assertEquals(2, peer.connections(), "each connection reused");
    }

    @Test
    void defersADeliveryThatFindsNoFreeConnectionInTime() throws Exception {
        SmtpPeer peer = peer(ObligingPeer.offering().slowAtDataEnd(Duration.ofSeconds(2)));
        PooledSmtpClient client = client(1, 100, Duration.ofMillis(300), Duration.ofSeconds(30), 100);
        CompletableFuture<DeliveryResult> first = CompletableFuture.supplyAsync(() -> deliver(client, peer.hop()));
        await("the first delivery holds the connection", () -> peer.count("DATA") == 1);

        DeliveryResult second = deliver(client, peer.hop());

        assertArrayEquals(new String[] {"451 4.4.5 no free connection to " + peer.hop() + " within 0s"}, Messages.replies(second));
        assertArrayEquals(QUEUED, Messages.replies(first.get()));
        assertEquals(1, peer.connections());
    }

    @Test
    void closesAnIdleConnectionWithQuit() throws Exception {
        SmtpPeer peer = peer(ObligingPeer.offering());
        PooledSmtpClient client = client(20, 100, Duration.ofSeconds(5), Duration.ofSeconds(1), 100);

        deliver(client, peer.hop());
        await("QUIT after the idle time", () -> peer.count("QUIT") == 1);
        deliver(client, peer.hop());

        assertEquals(2, peer.connections());
    }

    @Test
    void closesAConnectionThatCarriedItsShareOfMessages() throws Exception {
        SmtpPeer peer = peer(ObligingPeer.offering());
        PooledSmtpClient client = client(20, 100, Duration.ofSeconds(5), Duration.ofSeconds(30), 2);

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(QUEUED, Messages.replies(deliver(client, peer.hop())));
        }

        assertEquals(2, peer.connections());
        assertEquals(List.of("1: QUIT"), peer.transcript().stream().filter(line -> line.endsWith("QUIT")).toList());
    }

    @Test
    void replacesAnIdleConnectionTheNextHopHasClosed() throws Exception {
        ObligingPeer dialogue = ObligingPeer.offering("PIPELINING").hangingUpAfterRset();
        SmtpPeer peer = peer(dialogue);
        PooledSmtpClient client = client();

        deliver(client, peer.hop());
        await("the next hop hangs up", () -> peer.count("RSET") == 1);
        Thread.sleep(100);
        DeliveryResult second = deliver(client, peer.hop());

        assertArrayEquals(QUEUED, Messages.replies(second));
        assertEquals(2, peer.connections());
        assertEquals(2, dialogue.messages().size());
    }

    @Test
    void givesUpAConnectionTheNextHopIsClosingAndOpensAnother() throws Exception {
        SmtpPeer peer = peer(ObligingPeer.offering().refusing("drop@example.org", "421 4.3.2 shutting down"));
        PooledSmtpClient client = client();

        DeliveryResult dropped = client.deliver(peer.hop(),
                Messages.transaction("app@corp.test", "drop@example.org", "user@example.org"), TlsPolicy.MAY);
        DeliveryResult next = deliver(client, peer.hop());

        assertArrayEquals(new String[] {"421 4.3.2 shutting down", "421 4.3.2 shutting down"}, Messages.replies(dropped));
        assertArrayEquals(QUEUED, Messages.replies(next));
        assertEquals(2, peer.connections());
    }

    @Test
    void makesRoomUnderTheOverallLimitByClosingAnIdleConnectionToAnotherNextHop() throws Exception {
        SmtpPeer first = peer(ObligingPeer.offering());
        SmtpPeer second = peer(ObligingPeer.offering());
        PooledSmtpClient client = client(20, 1, Duration.ofSeconds(5), Duration.ofSeconds(30), 100);

        deliver(client, first.hop());
        assertArrayEquals(QUEUED, Messages.replies(deliver(client, second.hop())));

        await("the idle connection to the first next hop quits", () -> first.count("QUIT") == 1);
        assertEquals(1, second.connections());
    }

    @Test
    void requiredTlsTakesNoPlainTextConnectionFromThePool() throws Exception {
        SmtpPeer peer = peer(ObligingPeer.offering());
        PooledSmtpClient client = client();
        deliver(client, peer.hop());

        DeliveryResult required = client.deliver(peer.hop(), Messages.transaction("app@corp.test", "user@example.org"),
                TlsPolicy.ENCRYPT);

        assertArrayEquals(new String[] {"451 4.7.4 TLS is required (policy encrypt), but was not offered by " + peer.hop()}, Messages.replies(required));
        assertEquals(2, peer.connections());
        assertEquals(1, peer.count("MAIL FROM"));
    }

    @Test
    void defersEveryRecipientWhenTheNextHopDoesNotAnswer() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        NextHop down = new NextHop("127.0.0.1", port);

        DeliveryResult result = deliver(client(), down);

        String reply = result.recipients().get(0).reply().toString();
        assertTrue(reply.startsWith("451 4.4.1 no answer from [127.0.0.1]:" + port + ": ConnectException"), reply);
    }
}
