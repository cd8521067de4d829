package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;

import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.bounce.Action;
import org.passerelle.bounce.Bounces;
import org.passerelle.bounce.RecipientOutcome;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageDsn;
import org.passerelle.smtp.RecipientDsn;
import org.passerelle.smtp.RecipientDsn.Notify;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.client.SmtpReply;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.Recipient;
import org.passerelle.tracking.TrackedMessage;

/**
 * The DSN request kept with an accepted message, and a bounce for it written and queued in the
 * server. The test server's next hop refuses connections, so the bounce stays queued to be read.
 */
@ExtendWith(ArquillianExtension.class)
class BouncesIT {

    private static final String MESSAGE = "Message-ID: <bounces-it@billing.managed.test>\r\nSubject: invoice\r\n\r\nbody\r\n";
    private static final RecipientDsn DAVE_ASKED =
            new RecipientDsn(EnumSet.of(Notify.FAILURE, Notify.DELAY), "rfc822", "Dave+Original@managed.test");

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("bounces-it", BouncesIT.class, MessageContents.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/Spool")
    private Spool spool;

    @EJB(lookup = "java:global/passerelle/ejb/Bounces")
    private Bounces bounces;

    @EJB(lookup = "java:global/passerelle/ejb/MessageTracking")
    private MessageTracking tracking;

    @EJB(lookup = "java:global/passerelle/ejb/MessageStore")
    private MessageStore store;

    private TrackedMessage accept(MessageDsn dsn) {
        SmtpSession session = new SmtpSession("it-2", "relay", new InetSocketAddress("10.20.0.9", 41001), "app.corp.test", true);
        Envelope envelope = new Envelope(MailAddress.parse("billing@managed.test"),
                List.of(MailAddress.parse("dave@managed.test"), MailAddress.parse("user@external.test")), Map.of(),
                dsn, List.of(DAVE_ASKED, RecipientDsn.NONE));
        return tracked(spool.accept(session, envelope, MessageContents.of(MESSAGE), "billing", List.of()));
    }

    private TrackedMessage tracked(QueueId id) {
        return tracking.search(new MessageQuery(id.value(), null, 1)).get(0);
    }

    private static RecipientOutcome unknownUser(String recipient) {
        return RecipientOutcome.of(recipient, Action.FAILED, SmtpReply.of(550, "5.1.1 <" + recipient + ">: User unknown"),
                "mx.managed.test", Instant.now());
    }

    @Test
    void anAcceptedMessageKeepsItsDsnRequest() {
        TrackedMessage message = accept(new MessageDsn(MessageDsn.Ret.HDRS, "invoice-42+batch=7"));
        assertEquals(new MessageDsn(MessageDsn.Ret.HDRS, "invoice-42+batch=7"), message.getDsn());
        assertEquals(List.of(DAVE_ASKED, RecipientDsn.NONE), message.getRecipients().stream().map(Recipient::getDsn).toList());
    }

    @Test
    void aBounceIsQueuedFromTheNullSenderToTheSender() throws IOException {
        TrackedMessage message = accept(new MessageDsn(MessageDsn.Ret.HDRS, "invoice-42"));
        List<QueueId> notices = bounces.report(message, List.of(unknownUser("dave@managed.test")));
        assertEquals(1, notices.size());

        TrackedMessage notice = tracked(notices.get(0));
        assertEquals("", notice.getSender());
        assertEquals(List.of("billing@managed.test"), notice.getRecipients().stream().map(Recipient::getAddress).toList());
        assertEquals("local", notice.getListener());
        assertEquals(MessageDsn.NONE, notice.getDsn());

        String stored = store.read(notices.get(0), in -> new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertTrue(stored.startsWith("Received: by container.passerelle.test (Passerelle) id " + notices.get(0)), stored);
        Message dsn = store.read(notices.get(0), in -> new DefaultMessageBuilder().parseMessage(in));
        assertEquals("multipart/report", dsn.getMimeType());
        assertEquals("delivery-status", ((ContentTypeField) dsn.getHeader().getField("Content-Type")).getParameter("report-type"));
        assertEquals("billing@managed.test", dsn.getTo().flatten().get(0).getAddress());
        assertEquals("Undelivered Mail Returned to Sender", dsn.getSubject());

        List<Entity> parts = ((Multipart) dsn.getBody()).getBodyParts();
        assertEquals(List.of("text/plain", "message/delivery-status", "text/rfc822-headers"),
                parts.stream().map(Entity::getMimeType).toList());
        String fields = text(parts.get(1));
        for (String field : List.of("Reporting-MTA: dns; container.passerelle.test", "Original-Envelope-Id: invoice-42",
                "Original-Recipient: rfc822; Dave+Original@managed.test", "Final-Recipient: rfc822; dave@managed.test",
                "Action: failed", "Status: 5.1.1", "Remote-MTA: dns; mx.managed.test")) {
            assertTrue(fields.contains(field + "\r\n"), field + " in " + fields);
        }
        String returned = text(parts.get(2));
        assertTrue(returned.contains("Message-ID: <bounces-it@billing.managed.test>\r\n"), returned);
        assertFalse(returned.contains("body"), "headers only, as RET=HDRS asks: " + returned);
    }

    /** The MIME types of the parts of the one notice the failure of {@code recipient} brings. */
    private List<String> noticeParts(SmtpSession session, String sender, String application, String recipient) {
        Envelope envelope = new Envelope(MailAddress.parse(sender), List.of(MailAddress.parse(recipient)), Map.of(),
                new MessageDsn(MessageDsn.Ret.FULL, null), List.of(RecipientDsn.NONE));
        TrackedMessage message = tracked(spool.accept(session, envelope, MessageContents.of(MESSAGE), application, List.of()));
        List<QueueId> notices = bounces.report(message, List.of(unknownUser(recipient)));
        Message dsn = store.read(notices.get(0), in -> new DefaultMessageBuilder().parseMessage(in));
        return ((Multipart) dsn.getBody()).getBodyParts().stream().map(Entity::getMimeType).toList();
    }

    @Test
    void aNoticeToASenderNobodyVouchesForReturnsTheHeadersOnlyWhateverRetAsks() {
        SmtpSession stranger = new SmtpSession("it-3", "relay", new InetSocketAddress("192.0.2.7", 41002), "mx.example.net", true);
        assertEquals(List.of("text/plain", "message/delivery-status", "text/rfc822-headers"),
                noticeParts(stranger, "victim@example.net", null, "it-desk@corp.test"));
    }

    @Test
    void anAuthenticatedClientsLoginIsKeptAndItsNoticeReturnsTheWholeMessage() {
        SmtpSession alice = new SmtpSession("it-4", "submission", new InetSocketAddress("192.0.2.8", 41003), "laptop", true)
                .withAuthenticatedUser("alice");
        Envelope envelope = new Envelope(MailAddress.parse("alice@managed.test"), List.of(MailAddress.parse("user@external.test")),
                Map.of(), MessageDsn.NONE, List.of(RecipientDsn.NONE));
        assertEquals("alice", tracked(spool.accept(alice, envelope, MessageContents.of(MESSAGE), null, List.of())).getAuthenticatedUser());
        assertEquals(List.of("text/plain", "message/delivery-status", "message/rfc822"),
                noticeParts(alice, "alice@managed.test", null, "user@external.test"));
    }

    @Test
    void aRecipientThatAskedForNoNoticeGetsNone() {
        TrackedMessage message = accept(MessageDsn.NONE);
        RecipientOutcome delivered = RecipientOutcome.of("user@external.test", Action.RELAYED, SmtpReply.of(250, "2.0.0 Ok"),
                "mx.external.test", Instant.now());
        assertEquals(List.of(), bounces.report(message, List.of(delivered)), "no NOTIFY asks for failures and delays only");
    }

    @Test
    void aBounceIsNeverBounced() {
        TrackedMessage message = accept(MessageDsn.NONE);
        TrackedMessage notice = tracked(bounces.report(message, List.of(unknownUser("dave@managed.test"))).get(0));
        assertEquals(List.of(), bounces.report(notice, List.of(unknownUser("billing@managed.test"))));
    }

    private static String text(Entity part) throws IOException {
        try (InputStream in = ((SingleBody) part.getBody()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
