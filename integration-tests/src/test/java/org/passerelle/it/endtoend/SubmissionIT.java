package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * People send through the submission listeners: STARTTLS then AUTH on the 587-style port, TLS from
 * the first byte on the 465-style one, their directory password checked by an LDAP bind.
 */
@ExtendWith(Passerelle.Extension.class)
class SubmissionIT {

    private final Passerelle passerelle;
    private final int submission = TestSettings.port("e2e.submission.port");
    private final int submissions = TestSettings.port("e2e.submissions.port");

    SubmissionIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @Test
    void aPersonSendsWithStartTlsAndAuthPlainAndIsRelayed() {
        String subject = "submitted " + UUID.randomUUID();
        Swaks.Transcript sent = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "password", "--from", "alice@managed.test", "--to", "friend@external.test",
                "--header", "Subject: " + subject);
        assertEquals(0, sent.exitCode(), sent.text());
        assertTrue(sent.hasReply("235 2.7.0"), sent.text());
        passerelle.api.awaitState(sent.queueId(), "DELIVERED", Duration.ofSeconds(30));
        List<SmtpSink.Received> arrived = passerelle.sink.messagesContaining(subject);
        assertEquals(1, arrived.size());
        assertTrue(arrived.get(0).message().contains("(Passerelle) with ESMTPSA id " + sent.queueId()), arrived.get(0).message());
    }

    @Test
    void aPersonSendsOverImplicitTlsWithAuthLogin() {
        Swaks.Transcript sent = Swaks.send(submissions, "--tlsc", "--auth", "LOGIN", "--auth-user", "alice@managed.test",
                "--auth-password", "password", "--from", "alice@managed.test", "--to", "friend@external.test");
        assertEquals(0, sent.exitCode(), sent.text());
        passerelle.api.awaitState(sent.queueId(), "DELIVERED", Duration.ofSeconds(30));
    }

    @Test
    void aWrongPasswordIsRefused() {
        Swaks.Transcript refused = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "guess", "--from", "alice@managed.test", "--to", "friend@external.test");
        assertTrue(refused.hasReply("535 5.7.8"), refused.text());
    }

    @Test
    void mailWithoutAuthenticationIsRefusedOnSubmission() {
        Swaks.Transcript refused = Swaks.send(submission, "--tls", "--from", "alice@managed.test", "--to", "friend@external.test");
        assertTrue(refused.hasReply("530 5.7.0"), refused.text());
    }

    @Test
    void aPersonSendsOnlyAsTheirOwnAddress() {
        Swaks.Transcript refused = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "password", "--from", "bob@managed.test", "--to", "friend@external.test");
        assertTrue(refused.hasReply("550 5.7.1 <bob@managed.test>: Sender address rejected: not owned by user alice"), refused.text());
    }

    @Test
    void aPersonOutsideTheRelayGroupSendsToManagedDomainsOnly() {
        Swaks.Transcript refused = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", "audrey",
                "--auth-password", "password", "--from", "audrey@managed.test", "--to", "friend@external.test");
        assertTrue(refused.hasReply("235 2.7.0"), refused.text());
        assertTrue(refused.hasReply("554 5.7.1 <friend@external.test>: Relay access denied"), refused.text());
        Swaks.Transcript internal = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", "audrey",
                "--auth-password", "password", "--from", "audrey@managed.test", "--to", "dave@managed.test",
                "--quit-after", "RCPT");
        assertTrue(internal.hasReply("250 2.1.5"), internal.text());
    }

    @Test
    void anAuthenticatedPersonMayNotUseTheNullSender() {
        Swaks.Transcript refused = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "password", "--from", "<>", "--to", "friend@external.test");
        assertTrue(refused.hasReply("550 5.7.1 <>: Sender address rejected"), refused.text());
    }

    @Test
    void failedAuthForOneLoginIsThrottledAcrossConnections() {
        String login = "guessed-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            Swaks.Transcript refused = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", login,
                    "--auth-password", "guess" + i, "--from", "alice@managed.test", "--to", "friend@external.test");
            assertTrue(refused.hasReply("535 5.7.8"), refused.text());
        }
        Swaks.Transcript throttled = Swaks.send(submission, "--tls", "--auth", "PLAIN", "--auth-user", login,
                "--auth-password", "guess", "--from", "alice@managed.test", "--to", "friend@external.test");
        assertTrue(throttled.hasReply("454 4.7.0 Too many failed authentications, try again later"), throttled.text());
    }

    @Test
    void theRelayListenerOffersNoAuthByDefault() {
        Swaks.Transcript refused = Swaks.send(passerelle.server.smtpPort(), "--tls", "--auth", "PLAIN", "--auth-user", "alice",
                "--auth-password", "password", "--from", "alice@managed.test", "--to", "friend@external.test");
        assertTrue(refused.text().contains("250 STARTTLS") || refused.text().contains("250-STARTTLS"), refused.text());
        assertTrue(!refused.hasReply("235"), refused.text());
        assertTrue(!refused.text().contains("AUTH PLAIN LOGIN"), refused.text());
    }

    @Test
    void authIsNotOfferedBeforeTls() {
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", submission)) {
            String ehlo = smtp.send("EHLO laptop.corp.test");
            assertTrue(ehlo.contains("STARTTLS"), ehlo);
            assertTrue(!ehlo.contains("AUTH"), ehlo);
            assertTrue(smtp.send("AUTH PLAIN AGFsaWNlAHBhc3N3b3Jk").startsWith("5"), "AUTH in plain text");
        }
    }

    @Test
    void jakartaMailSubmitsWithStartTlsAndAuth() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(submission));
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "127.0.0.1");
        // the listener's generated certificate names the server's host, not 127.0.0.1
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.ssl.protocols", "TLSv1.3");
        properties.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bob@managed.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("friend@external.test"));
        message.setSubject("from Jakarta Mail");
        message.setText("Sent over STARTTLS with AUTH.");
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect("bob", "password");
            transport.sendMessage(message, message.getAllRecipients());
            assertTrue(transport.getLastServerResponse().startsWith("250 2.0.0 Ok: queued as "), transport.getLastServerResponse());
        }
    }
}
