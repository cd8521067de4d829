package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A route's TLS policy, as the central service writes it through the API, governs the delivery to
 * its next hop: a real STARTTLS next hop ({@link TlsNextHop}) whose certificate the server's CA file
 * trusts. {@code verify} refuses a certificate for another name and defers with the reason in the
 * attempt; {@code fingerprint} delivers to the pinned certificate only; {@code encrypt} defers at a
 * next hop without STARTTLS (the smtp-sink).
 */
@ExtendWith(Passerelle.Extension.class)
class DeliveryTlsIT {

    private final Passerelle passerelle;
    private final RestApi carol;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> routes = new ArrayList<>();

    DeliveryTlsIT(Passerelle passerelle) {
        this.passerelle = passerelle;
        this.carol = passerelle.api.as("carol");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String domain : routes) {
            RestApi.Reply route = carol.get("/routes/" + domain);
            carol.delete("/routes/" + domain, route.header("ETag"));
        }
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private TlsNextHop nextHop(String certificate) {
        TlsNextHop hop = TlsNextHop.start(Passerelle.nextHopTls(), certificate);
        opened.add(hop);
        return hop;
    }

    /** A route for a new domain to the next hop under the policy; returns the domain. */
    private String route(String nextHop, String tlsPolicy) {
        String domain = "tls-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        RestApi.Reply created = carol.post("/routes", Json.createObjectBuilder().add("name", domain).add("nextHop", nextHop)
                .add("tlsPolicy", tlsPolicy).build());
        assertEquals(201, created.status(), created.toString());
        assertEquals(tlsPolicy, created.object().getString("tlsPolicy"));
        routes.add(domain);
        PasserelleServer.sleep(Duration.ofSeconds(2)); // the relay's directory cache (1 s in these tests)
        return domain;
    }

    private String send(String recipient) {
        try (SmtpDialogue smtp = SmtpDialogue.open("127.0.0.1", passerelle.server.smtpPort())) {
            smtp.send("EHLO billing-app.corp.test");
            assertTrue(smtp.send("MAIL FROM:<billing@managed.test>").startsWith("250"));
            assertTrue(smtp.send("RCPT TO:<" + recipient + ">").startsWith("250"));
            assertTrue(smtp.send("DATA").startsWith("354"));
            String reply = smtp.data("Subject: TLS policy test\r\n\r\nOver checked TLS only.");
            assertTrue(reply.startsWith("250"), reply);
            return reply.substring(reply.lastIndexOf(' ') + 1);
        }
    }

    private JsonObject firstAttempt(String queueId) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonObject message = passerelle.api.message(queueId);
        while (message.getInt("attempts") < 1 && Instant.now().isBefore(deadline)) {
            PasserelleServer.sleep(Duration.ofMillis(250));
            message = passerelle.api.message(queueId);
        }
        assertTrue(message.getInt("attempts") >= 1, message.toString());
        return message.getJsonArray("history").getJsonObject(0);
    }

    @Test
    void verifyDefersAtANextHopWhoseTrustedCertificateIsForAnotherNameAndSaysWhy() {
        TlsNextHop hop = nextHop(TlsNextHop.WRONG_NAME);
        String domain = route(hop.nextHop(), "verify");

        String queueId = send("someone@" + domain);

        JsonObject attempt = firstAttempt(queueId);
        assertEquals(451, attempt.getInt("replyCode"), attempt.toString());
        String reason = attempt.getString("replyText");
        assertTrue(reason.startsWith("4.7.5 TLS is required (policy verify), but the handshake with " + hop.nextHop() + " failed"), reason);
        assertTrue(reason.contains("the certificate is for DNS:mx.elsewhere.test, not for 127.0.0.1"), reason);
        assertEquals("DEFERRED", passerelle.api.message(queueId).getString("state"));
        assertEquals(List.of(), hop.messages(), "nothing was given to the next hop");
    }

    @Test
    void verifyDeliversToATrustedCertificateForTheNextHopsAddress() {
        TlsNextHop hop = nextHop(TlsNextHop.LOOPBACK);
        String domain = route(hop.nextHop(), "verify");

        String queueId = send("someone@" + domain);

        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
        assertEquals(1, hop.messages().size());
        assertTrue(firstAttempt(queueId).getString("tlsProtocol").startsWith("TLSv1."));
    }

    @Test
    void fingerprintDeliversToThePinnedCertificateWhateverItsName() {
        TlsNextHop hop = nextHop(TlsNextHop.WRONG_NAME);
        String domain = route(hop.nextHop(), "fingerprint match=" + TlsNextHop.fingerprint(Passerelle.nextHopTls(), TlsNextHop.WRONG_NAME));

        String queueId = send("someone@" + domain);

        passerelle.api.awaitState(queueId, "DELIVERED", Duration.ofSeconds(30));
        assertEquals(1, hop.messages().size());
    }

    @Test
    void fingerprintDefersAtAnotherCertificate() {
        TlsNextHop hop = nextHop(TlsNextHop.WRONG_NAME);
        String domain = route(hop.nextHop(), "fingerprint match=" + TlsNextHop.fingerprint(Passerelle.nextHopTls(), TlsNextHop.LOOPBACK));

        String queueId = send("someone@" + domain);

        String reason = firstAttempt(queueId).getString("replyText");
        assertTrue(reason.startsWith("4.7.5 TLS is required (policy fingerprint)"), reason);
        assertTrue(reason.contains("is not one of the policy's"), reason);
        assertEquals(List.of(), hop.messages());
    }

    @Test
    void encryptDefersAtANextHopWithoutStartTls() {
        String domain = route("[127.0.0.1]:" + TestSettings.get("e2e.sink.port"), "encrypt");

        String queueId = send("someone@" + domain);

        JsonObject attempt = firstAttempt(queueId);
        assertEquals("4.7.4 TLS is required (policy encrypt), but was not offered by [127.0.0.1]:" + TestSettings.get("e2e.sink.port"),
                attempt.getString("replyText"));
        assertEquals("DEFERRED", passerelle.api.message(queueId).getString("state"));
    }

    @Test
    void aPolicyTheClientCannotReadIsRefusedNamingTheField() {
        RestApi.Reply refused = carol.post("/routes", Json.createObjectBuilder().add("name", "tls-bad.test")
                .add("nextHop", "[127.0.0.1]:25").add("tlsPolicy", "secure").build());
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.toString().contains("tlsPolicy"), refused.toString());
    }
}
