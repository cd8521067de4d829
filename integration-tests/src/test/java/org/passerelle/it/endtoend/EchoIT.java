package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The echo address (docs/echo.md), echo@ the first managed domain, managed.test: a registered
 * application or an authenticated person gets a reply from {@code <>} with what the gateway saw,
 * at the sink; the other recipients get the message as usual and the echo address gets nothing;
 * no reply to the null sender or to an automatic message (the message page shows why, and no notice
 * of it exists: the reply is queued before the {@code 250}); an unregistered client is refused at RCPT.
 */
@ExtendWith(Passerelle.Extension.class)
class EchoIT {

    private static final String ECHO = "echo@managed.test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Passerelle passerelle;

    EchoIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    private static String marker() {
        return "echo-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anApplicationIsAnsweredWithWhatTheGatewaySawWhileTheOtherRecipientsGetTheMessage() throws Exception {
        String marker = marker();
        String sender = marker + "@billing.managed.test";
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--helo", "invoices.billing.test", "--from", sender,
                "--to", ECHO + ",partner-" + marker + "@external.test", "--header", "Subject: set-up check " + marker,
                "--header", "X-Echo-Check: " + marker, "--header", "Message-Id: <" + marker + "@billing.managed.test>");
        assertEquals(0, sent.exitCode(), sent.text());
        String queueId = sent.queueId();

        MimeMessage reply = awaitReply(sender, marker);
        assertEquals("Echo: set-up check " + marker, reply.getSubject());
        assertEquals("auto-replied", reply.getHeader("Auto-Submitted", null));
        assertEquals("<" + marker + "@billing.managed.test>", reply.getHeader("In-Reply-To", null));
        String body = (String) reply.getContent();
        assertTrue(body.contains("Queue id:        " + queueId), body);
        assertTrue(body.contains("Client address:  [127.0.0.1]"), body);
        assertTrue(body.contains("HELO:            invoices.billing.test"), body);
        assertTrue(body.contains("Application:     billing"), body);
        assertTrue(body.contains("TLS:             none (plain text)"), body);
        assertTrue(body.contains("mail  <" + sender + ">  250  application billing allowed sender @billing.managed.test"), body);
        assertTrue(body.contains("rcpt  <" + ECHO + ">  250  echo address, application billing"), body);
        assertTrue(body.contains("X-Echo-Check: " + marker), body);

        JsonObject message = passerelle.api.awaitState(queueId, "DELIVERED", WAIT);
        assertEquals(1, message.getJsonArray("notices").size(), message.toString());
        List<SmtpSink.Received> delivered = passerelle.sink.messagesContaining("X-Echo-Check: " + marker).stream()
                .filter(received -> !"<>".equals(received.mailFrom())).toList();
        assertEquals(1, delivered.size(), "the message itself, once");
        assertEquals(List.of("<partner-" + marker + "@external.test>"), delivered.get(0).rcptTo(), "never delivered to the echo address");
    }

    @Test
    void anAuthenticatedPersonIsToldTheTlsAndTheLogin() throws Exception {
        String marker = marker();
        Swaks.Transcript sent = Swaks.send(TestSettings.port("e2e.submission.port"), "--tls", "--auth", "PLAIN",
                "--auth-user", "alice", "--auth-password", "password", "--from", "alice@managed.test", "--to", ECHO,
                "--header", "Subject: from alice " + marker);
        assertEquals(0, sent.exitCode(), sent.text());
        String body = (String) awaitReply("alice@managed.test", marker).getContent();
        assertTrue(body.contains("Queue id:        " + sent.queueId()), body);
        assertTrue(body.contains("Login:           alice"), body);
        assertTrue(body.contains("Application:     none"), body);
        assertTrue(body.matches("(?s).*TLS: +TLSv1\\.[23] with cipher TLS_\\w+.*"), body);
        passerelle.api.awaitState(sent.queueId(), "DELIVERED", WAIT);
    }

    @Test
    void anAutomaticMessageIsNotAnswered() {
        String marker = marker();
        Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", marker + "@billing.managed.test", "--to", ECHO,
                "--header", "Subject: " + marker, "--header", "Auto-Submitted: auto-generated");
        assertEquals(0, sent.exitCode(), sent.text());
        assertNotAnswered(sent.queueId(), "no reply, Auto-Submitted: auto-generated");
    }

    @Test
    void theNullSenderIsNotAnswered() throws Exception {
        // an application that sends notices from <>, as a mail server does
        String client = "127.0.33.3";
        String name = "echo-null-" + UUID.randomUUID().toString().substring(0, 8);
        String dn = "cn=" + name + ",ou=applications,dc=passerelle,dc=test";
        DirContext ldap = DirectoryAdmin.connect();
        BasicAttributes application = new BasicAttributes(true);
        application.put(new BasicAttribute("objectClass", "pslSenderApplication"));
        application.put("cn", name);
        application.put("pslStatus", "active");
        application.put("pslNetwork", client + "/32");
        application.put("pslAllowedSender", "<>");
        application.put("pslGateway", "cn=gw-paris,ou=gateways,dc=passerelle,dc=test");
        ldap.createSubcontext(dn, application).close();
        try {
            // the server's directory cache (PSL_DIRECTORY_CACHE_SECONDS, 1 s here) must see the new application
            PasserelleServer.sleep(Duration.ofMillis(1500));
            Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--local-interface", client, "--from", "<>",
                    "--to", ECHO, "--header", "Subject: " + marker());
            assertEquals(0, sent.exitCode(), sent.text());
            assertNotAnswered(sent.queueId(), "no reply, null sender");
        } finally {
            ldap.destroySubcontext(dn);
            ldap.close();
        }
    }

    @Test
    void anUnregisteredInternetClientIsRefusedAtRcptAndNothingIsQueued() {
        String marker = marker();
        Swaks.Transcript refused = Swaks.send(passerelle.server.smtpPort(), "--local-interface", "127.0.0.2",
                "--from", marker + "@external.test", "--to", ECHO, "--header", "Subject: " + marker);
        assertNotEquals(0, refused.exitCode(), refused.text());
        assertTrue(refused.hasReply("550 5.7.1 <" + ECHO + ">: Recipient address rejected: the echo address answers"),
                refused.text());
        assertEquals(0, passerelle.api.get("/messages?sender=" + marker + "@external.test").array().size());
    }

    /** The message to the echo address left the queue at once, its echo recipient says why, and no reply exists. */
    private void assertNotAnswered(String queueId, String why) {
        JsonObject message = passerelle.api.awaitState(queueId, "DELIVERED", WAIT);
        JsonObject echo = message.getJsonArray("recipients").getJsonObject(0);
        assertEquals(ECHO, echo.getString("address"));
        assertEquals("250 2.0.0 Echo address: " + why, echo.getString("lastReply"));
        assertEquals(0, message.getJsonArray("notices").size(), message.toString());
    }

    /** The reply from {@code <>} to the sender quoting the marker, parsed. */
    private MimeMessage awaitReply(String sender, String marker) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<SmtpSink.Received> replies = passerelle.sink.messagesContaining("Subject: Echo: ").stream()
                    .filter(received -> "<>".equals(received.mailFrom()) && received.rcptTo().contains("<" + sender + ">")
                            && received.message().contains(marker))
                    .toList();
            if (!replies.isEmpty()) {
                assertEquals(1, replies.size());
                return new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(replies.get(0).message().getBytes(StandardCharsets.ISO_8859_1)));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no echo reply to " + sender + " within " + WAIT);
            }
            PasserelleServer.sleep(Duration.ofMillis(250));
        }
    }
}
