package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.it.endtoend.SmtpSink;
import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.SmtpStage;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageState;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;

/**
 * Sending from inside the server (docs/sending-from-inside.md): a sample deployment, {@link SampleMailer},
 * sends through the connector's mail submission factory {@code java:/smtp/MailSubmission}, which the
 * test server configures to send as the application billing ({@code PSL_MAIL_SUBMISSION_APPLICATION}).
 * The message is tracked as billing's, from the inside listener, and delivered to a real smtp-sink
 * (a route of the test's own); a sender billing may not use is refused with the policy's reply.
 */
@ExtendWith(ArquillianExtension.class)
class MailSubmissionIT {

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("mail-sample", MailSubmissionIT.class, SampleMailer.class, DirectoryFixtures.class, RoutedSink.class,
                SmtpSink.class, SmtpSink.Received.class).addClass("org.passerelle.it.endtoend.PasserelleServer");
    }

    @EJB
    private SampleMailer mailer;

    @EJB(lookup = "java:global/passerelle/ejb/MessageTracking")
    private MessageTracking tracking;

    @EJB(lookup = "java:global/passerelle/ejb/LdapDirectory")
    private LdapDirectory directory;

    @EJB(lookup = "java:global/passerelle/ejb/RelayDirectory")
    private RelayDirectory relayDirectory;

    private RoutedSink sink;
    private String domain;

    @BeforeEach
    void aSinkForTheTestsDomain() throws IOException {
        sink = new RoutedSink(new DirectoryFixtures(directory, relayDirectory), "inside").start();
        domain = sink.domain();
    }

    @AfterEach
    void removeThem() throws IOException {
        sink.close();
    }

    @Test
    void aDeploymentsMessageIsTrackedAsItsApplicationsAndDelivered() throws Exception {
        String marker = "inside-" + UUID.randomUUID();
        String id = mailer.send("invoices@billing.managed.test", "someone@" + domain, "Invoice " + marker, "Hello from inside");

        TrackedMessage message = awaitDelivered(id);
        assertEquals("billing", message.getApplication());
        assertEquals("inside", message.getListener());
        assertEquals("invoices@billing.managed.test", message.getSender());
        List<SmtpSink.Received> received = awaitReceived(marker);
        assertEquals(1, received.size());
        assertEquals(List.of("<someone@" + domain + ">"), received.get(0).rcptTo().stream().map(r -> r.split(" ")[0]).toList());
        assertTrue(received.get(0).message().contains("Hello from inside"), received.get(0).message());
    }

    @Test
    void aSenderTheApplicationMayNotUseIsRefusedWithThePolicysReply() {
        String marker = "inside-" + UUID.randomUUID();
        MailRefusedException refused = assertThrows(MailRefusedException.class,
                () -> mailer.send("payroll@managed.test", "someone@" + domain, marker, "not billing's sender"));
        assertEquals(SmtpStage.MAIL, refused.stage());
        assertEquals(550, refused.code());
        assertEquals("5.7.1", refused.status());
        assertEquals("<payroll@managed.test>: Sender address rejected: not an allowed sender of application billing", refused.text());
        assertTrue(tracking.search(new MessageQuery(null, "payroll@managed.test", 10)).stream()
                .noneMatch(m -> "inside".equals(m.getListener()) && m.getReceivedAt().isAfter(Instant.now().minusSeconds(60))));
    }

    private TrackedMessage awaitDelivered(String id) {
        Instant deadline = Instant.now().plusSeconds(30);
        TrackedMessage message = tracking.search(new MessageQuery(id, null, 1)).get(0);
        while (message.getState() != MessageState.DELIVERED && Instant.now().isBefore(deadline)) {
            sleep();
            message = tracking.search(new MessageQuery(id, null, 1)).get(0);
        }
        assertEquals(MessageState.DELIVERED, message.getState(), message.getQueueId() + " " + message.getState());
        return message;
    }

    private List<SmtpSink.Received> awaitReceived(String marker) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (sink.messagesContaining(marker).isEmpty() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        return sink.messagesContaining(marker);
    }

    private static void sleep() {
        try {
            Thread.sleep(Duration.ofMillis(200).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
