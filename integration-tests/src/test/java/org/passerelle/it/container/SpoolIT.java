package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.DeliveryAttempt;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;

/**
 * Accepting a message in the server: tracked in PostgreSQL, stored with its Received header,
 * queued, and attempted. The test server's next hop refuses connections, so the attempt is deferred.
 */
@ExtendWith(ArquillianExtension.class)
class SpoolIT {

    private static final String MESSAGE = "Message-ID: <spool-it@billing.managed.test>\r\nSubject: spool\r\n\r\nbody\r\n";

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("spool-it", SpoolIT.class, MessageContents.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/Spool")
    private Spool spool;

    @EJB(lookup = "java:global/passerelle/ejb/MessageTracking")
    private MessageTracking tracking;

    @EJB(lookup = "java:global/passerelle/ejb/MessageStore")
    private MessageStore store;

    private QueueId accept() {
        SmtpSession session = new SmtpSession("it-1", "relay", new InetSocketAddress("10.20.0.9", 41000), "app.corp.test", true);
        Envelope envelope = new Envelope(MailAddress.parse("billing@managed.test"),
                List.of(MailAddress.parse("dave@managed.test"), MailAddress.parse("user@external.test")), Map.of());
        return spool.accept(session, envelope, MessageContents.of(MESSAGE), "billing", List.of());
    }

    @Test
    void anAcceptedMessageIsTrackedWithItsEnvelope() {
        QueueId id = accept();
        TrackedMessage message = tracking.search(new MessageQuery(id.value(), null, 1)).get(0);
        assertEquals("billing@managed.test", message.getSender());
        assertEquals("10.20.0.9", message.getClientAddress());
        assertEquals("<spool-it@billing.managed.test>", message.getMessageId());
        assertEquals(List.of("dave@managed.test", "user@external.test"),
                message.getRecipients().stream().map(r -> r.getAddress()).toList());
    }

    @Test
    void theStoredContentIsTheMessageBehindAReceivedHeader() {
        QueueId id = accept();
        String stored = store.read(id, in -> new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertTrue(stored.startsWith("Received: from app.corp.test ([10.20.0.9])\r\n\tby container.passerelle.test (Passerelle) with ESMTP id " + id), stored);
        assertTrue(stored.endsWith("\r\n" + MESSAGE), stored);
        TrackedMessage message = tracking.search(new MessageQuery(id.value(), null, 1)).get(0);
        assertEquals(stored.length(), message.getSizeBytes());
    }

    @Test
    void aMessageWhoseNextHopIsDownIsDeferredWithTheReason() throws Exception {
        QueueId id = accept();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        TrackedMessage message = tracking.search(new MessageQuery(id.value(), null, 1)).get(0);
        while (message.getState() == MessageState.QUEUED && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            message = tracking.search(new MessageQuery(id.value(), null, 1)).get(0);
        }
        assertEquals(MessageState.DEFERRED, message.getState());
        List<DeliveryAttempt> attempts = tracking.attempts(id.value());
        assertEquals(2, attempts.size(), "one attempt row per recipient");
        // each recipient went to its own route: dave to his mailHost, the other to the smart host
        DeliveryAttempt dave = attempt(attempts, "dave@managed.test");
        assertEquals("[mailhost.managed.test]:25", dave.getNextHop());
        assertEquals(451, dave.getReplyCode());
        DeliveryAttempt external = attempt(attempts, "user@external.test");
        assertEquals("[127.0.0.1]:9", external.getNextHop());
        assertEquals(451, external.getReplyCode());
        assertTrue(external.getReplyText().startsWith("4.4.1 no answer from [127.0.0.1]:9"), external.getReplyText());
    }

    private static DeliveryAttempt attempt(List<DeliveryAttempt> attempts, String recipient) {
        return attempts.stream().filter(a -> a.getRecipient().equals(recipient)).findFirst().orElseThrow();
    }
}
