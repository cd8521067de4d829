package org.passerelle.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.MailAddress;
import org.passerelle.directory.CheckResult;

/** The notice of a transition, read back as a mail client would. */
class TransitionNoticeTest {

    @Test
    void namesTheRequestTheTransitionTheCommentAndTheChecks() throws Exception {
        RequestedChange change = new RequestedChange(ChangeKind.ADD_APPLICATION, "reports", "finance", List.of("10.20.0.0/16"),
                List.of("reports@managed.test"), List.of("gw-paris"), null, null, null, null);
        ChangeRequest request = new ChangeRequest(change, "finance", "alice", Instant.parse("2026-11-23T15:00:00Z"),
                "Serveur de l'équipe Élodie", List.of(CheckResult.failed("networks-not-held", "10.20.0.0/16 overlaps 10.20.0.0/24 of application billing")));

        byte[] bytes = TransitionNotice.message(request, request.getTransitions().get(0), MailAddress.parse("central@managed.test"),
                List.of(MailAddress.parse("alice@managed.test"), MailAddress.parse("central@managed.test")), "gw.passerelle.test");

        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        assertTrue(mail.getSubject().endsWith("(add-application, application reports): submitted"), mail.getSubject());
        assertEquals("Passerelle change requests <central@managed.test>", mail.getFrom()[0].toString());
        assertEquals(2, mail.getAllRecipients().length);
        String text = (String) mail.getContent();
        assertTrue(text.contains("Comment: Serveur de l'équipe Élodie"), text);
        assertTrue(text.contains("FAILED networks-not-held: 10.20.0.0/16 overlaps 10.20.0.0/24 of application billing"), text);
        assertTrue(text.contains("networks: 10.20.0.0/16"), text);
        assertTrue(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).lines().allMatch(line -> line.length() <= 998),
                "a message any SMTP server takes");
    }
}
