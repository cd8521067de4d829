package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Once Passerelle has said 250, the message is its responsibility: a server killed before it could
 * deliver still delivers it after a restart, once the next hop is back.
 */
@ExtendWith(Passerelle.Extension.class)
class RestartIT {

    private final Passerelle passerelle;

    RestartIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    /** Sends with Jakarta Mail and returns the server's reply to the end of data. */
    private String sendWithJakartaMail(String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(passerelle.server.smtpPort()));
        properties.put("mail.smtp.localhost", "restart-test.corp.test");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("billing@managed.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("survivor@external.test"));
        message.setSubject(subject);
        message.setText("This message must survive a kill -9.");
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            return transport.getLastServerResponse();
        }
    }

    @Test
    void aQueuedMessageSurvivesAKillAndIsDeliveredWhenTheNextHopReturns() throws Exception {
        String subject = "survivor " + UUID.randomUUID();
        passerelle.sink.stop();
        String reply = sendWithJakartaMail(subject);
        assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
        String queueId = reply.substring("250 2.0.0 Ok: queued as ".length()).trim();
        passerelle.api.awaitState(queueId, "DEFERRED", Duration.ofSeconds(30));

        passerelle.server.kill();
        passerelle.server.start();
        assertEquals("DEFERRED", passerelle.api.message(queueId).getString("state"), "still queued after the restart");
        assertEquals(0, passerelle.sink.messagesContaining(subject).size());

        passerelle.sink.start();
        JsonObject delivered = passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(60));
        assertEquals(1, passerelle.sink.messagesContaining(subject).size(), "delivered exactly once");
        assertTrue(delivered.getInt("attempts") >= 2, delivered.toString());
    }
}
