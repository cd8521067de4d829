package org.passerelle.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import javax.sql.DataSource;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.passerelle.audit.AuditLog;
import org.passerelle.quarantine.Quarantine;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.spool.MessageStore;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;

/**
 * A quarantined message is deleted, content and all, once it has been kept for
 * {@code PSL_QUARANTINE_DAYS} (30 on the test server), and the deletion is audited; one quarantined
 * since less long stays.
 */
@ExtendWith(ArquillianExtension.class)
class QuarantineExpiryIT {

    private static final String MESSAGE = "Subject: invoice\r\n\r\nsee the attachment\r\n";

    @Deployment
    static WebArchive deployment() {
        return PasserelleTestArchive.of("quarantine-expiry-it", QuarantineExpiryIT.class, MessageContents.class);
    }

    @EJB(lookup = "java:global/passerelle/ejb/Spool")
    private Spool spool;

    @EJB(lookup = "java:global/passerelle/ejb/Quarantine")
    private Quarantine quarantine;

    @EJB(lookup = "java:global/passerelle/ejb/MessageTracking")
    private MessageTracking tracking;

    @EJB(lookup = "java:global/passerelle/ejb/MessageStore")
    private MessageStore store;

    @EJB(lookup = "java:global/passerelle/ejb/AuditLog")
    private AuditLog audit;

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private QueueId quarantined() {
        SmtpSession session = new SmtpSession("it-q", "relay", new InetSocketAddress("10.20.0.9", 41000), "app.corp.test", true);
        Envelope envelope = new Envelope(MailAddress.parse("billing@managed.test"), List.of(MailAddress.parse("dave@managed.test")),
                Map.of());
        return spool.quarantine(session, envelope, MessageContents.of(MESSAGE), "billing", List.of(), null,
                "attachment invoice.pdf.exe: double extension");
    }

    private void receivedAgo(QueueId id, Duration ago) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update message set received_at = ? where queue_id = ?")) {
            update.setObject(1, Instant.now().minus(ago).atOffset(ZoneOffset.UTC));
            update.setString(2, id.value());
            assertEquals(1, update.executeUpdate());
        }
    }

    private TrackedMessage message(QueueId id) {
        return tracking.search(new MessageQuery(id.value(), null, 1)).get(0);
    }

    @Test
    void aMessageKeptLongerThanTheSettingIsDeletedWithItsContentAndAudited() throws Exception {
        QueueId old = quarantined();
        QueueId recent = quarantined();
        receivedAgo(old, Duration.ofDays(31));
        receivedAgo(recent, Duration.ofDays(29));

        quarantine.expire();

        assertEquals("DELETED", message(old).getState().name());
        assertThrows(RuntimeException.class, () -> store.read(old, in -> in.readAllBytes()), "its content is gone");
        assertEquals("HELD", message(recent).getState().name(), "29 days: still in quarantine");
        assertEquals(Spool.QUARANTINE_PREFIX + "attachment invoice.pdf.exe: double extension", message(recent).getHoldReason());
        assertEquals(List.of("deleted after 30 days"),
                audit.search("passerelle", "quarantine.expire", old.value(), 10).stream().map(e -> e.getAfter()).toList());
        assertEquals(0, audit.search("passerelle", "quarantine.expire", recent.value(), 10).size());
    }
}
