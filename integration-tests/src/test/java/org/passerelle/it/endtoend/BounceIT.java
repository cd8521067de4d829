package org.passerelle.it.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A next hop refuses one recipient of three with a 5xx: the two others are delivered, the third
 * bounces, and the sender gets one RFC 3464 notice, read back here with Jakarta Mail.
 */
@ExtendWith(Passerelle.Extension.class)
class BounceIT {

    private static final String ROUTES = "ou=routes,dc=passerelle,dc=test";

    private final Passerelle passerelle;

    BounceIT(Passerelle passerelle) {
        this.passerelle = passerelle;
    }

    @Test
    void aRecipientRefusedWithA5xxBouncesWithOneNoticeWhileTheOthersAreDelivered() throws Exception {
        int refusingPort = TestSettings.port("e2e.sink.port") + 1;
        SmtpSink refusing = new SmtpSink(refusingPort, TestSettings.path("work.dir").resolve("refusing-sink"), "-f", "RCPT");
        String domain = "refused-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String routeDn = "pslDomainName=" + domain + "," + ROUTES;
        DirContext ldap = DirectoryAdmin.connect();
        BasicAttributes route = new BasicAttributes(true);
        BasicAttribute classes = new BasicAttribute("objectClass", "pslRoute");
        route.put(classes);
        route.put("pslDomainName", domain);
        route.put("pslNextHop", "[127.0.0.1]:" + refusingPort);
        ldap.createSubcontext(routeDn, route).close();
        // the server reads routes through its directory cache (PSL_DIRECTORY_CACHE_SECONDS, 1 s here):
        // a copy read by the test before this one must expire, or the route is not seen yet
        PasserelleServer.sleep(Duration.ofMillis(1500));
        refusing.start();
        try {
            String sender = "notices-" + UUID.randomUUID().toString().substring(0, 8) + "@billing.managed.test";
            Swaks.Transcript sent = Swaks.send(passerelle.server.smtpPort(), "--from", sender,
                    "--to", "first@external.test,second@external.test,nobody@" + domain, "--header", "Subject: three recipients");
            assertEquals(0, sent.exitCode(), sent.text());
            JsonObject message = passerelle.api.awaitState(sent.queueId(), "BOUNCED", Duration.ofSeconds(30));
            assertEquals(List.of("DELIVERED", "DELIVERED", "FAILED"),
                    message.getJsonArray("recipients").stream().map(r -> r.asJsonObject().getString("state")).toList());

            List<SmtpSink.Received> notices = passerelle.sink.awaitNoticesTo(sender, Duration.ofSeconds(30));
            assertEquals(1, notices.size(), "one notice for the one failed recipient");
            SmtpSink.Received notice = notices.get(0);
            assertEquals("<>", notice.mailFrom(), "a notice comes from the null sender");
            MimeMessage dsn = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(notice.message().getBytes(StandardCharsets.UTF_8)));
            assertTrue(dsn.getContentType().startsWith("multipart/report"), dsn.getContentType());
            assertTrue(dsn.getContentType().contains("report-type=delivery-status"), dsn.getContentType());
            MimeMultipart parts = (MimeMultipart) dsn.getContent();
            assertEquals(3, parts.getCount());
            BodyPart status = parts.getBodyPart(1);
            assertTrue(status.isMimeType("message/delivery-status"), status.getContentType());
            String fields = new String(status.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(fields.contains("Final-Recipient: rfc822; nobody@" + domain), fields);
            assertTrue(fields.contains("Action: failed"), fields);
            assertTrue(fields.contains("Status: 5."), fields);
            assertTrue(fields.contains("Diagnostic-Code: smtp; 5"), fields);
            assertTrue(!fields.contains("first@external.test"), "delivered recipients are not in the notice");
            assertTrue(parts.getBodyPart(2).isMimeType("message/rfc822"), "the original comes back whole");
        } finally {
            refusing.stop();
            ldap.destroySubcontext(routeDn);
            ldap.close();
        }
    }
}
