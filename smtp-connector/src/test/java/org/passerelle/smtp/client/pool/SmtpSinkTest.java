package org.passerelle.smtp.client.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.Messages;
import org.passerelle.smtp.client.PostfixSmtpSink;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.smtp.client.protocol.SessionSettings;

/** Deliveries through the pool to Postfix's smtp-sink, a real SMTP server with PIPELINING and DSN. */
class SmtpSinkTest {

    @TempDir
    Path dir;

    private PostfixSmtpSink sink;
    private final PooledSmtpClient client = new PooledSmtpClient(
            new SessionSettings("relay.passerelle.test", Duration.ofSeconds(5), Duration.ofSeconds(10)),
            new PoolSettings(20, 100, Duration.ofSeconds(5), Duration.ofSeconds(30), 100));

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        if (sink != null) {
            sink.close();
        }
    }

    private DeliveryResult deliver(String content, String... recipients) {
        return client.deliver(sink.hop(), Messages.carrying(content, "app@corp.test", recipients), TlsPolicy.MAY);
    }

    @Test
    void deliversSeveralMessagesOverOneConnectionWithRsetBetweenThem() throws Exception {
        sink = PostfixSmtpSink.start(dir);

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new String[] {"250 2.0.0 Ok"},
                    Messages.replies(deliver("Subject: " + i + "\r\n\r\nbody\r\n", "user@example.org")));
        }
        client.close();

        assertEquals(1, sink.connections());
        assertEquals(3, sink.count("RSET"));
        assertEquals(1, sink.count("QUIT"));
        assertEquals(3, sink.messages().size());
    }

    @Test
    void aMessageArrivesWhole() throws Exception {
        sink = PostfixSmtpSink.start(dir);
        String body = ".a line that starts with a dot\r\n..and one with two\r\n.\r\nlast line";

        deliver("Subject: dots\r\n\r\n" + body, "a@example.org", "b@example.org");

        String received = sink.messages().get(0);
        assertTrue(received.contains("X-Mail-Args: <app@corp.test>\n"), received);
        assertTrue(received.contains("X-Rcpt-Args: <a@example.org>\nX-Rcpt-Args: <b@example.org>\n"), received);
        assertTrue(received.endsWith("Subject: dots\n\n" + body.replace("\r\n", "\n") + "\n\n"), received);
    }

    @Test
    void givesEveryRecipientTheSinksTemporaryRcptRefusal() throws Exception {
        sink = PostfixSmtpSink.start(dir, "-r", "RCPT");

        DeliveryResult result = deliver(Messages.CONTENT, "a@example.org", "b@example.org");

        assertArrayEquals(new String[] {"450 4.3.0 Error: command failed", "450 4.3.0 Error: command failed"},
                Messages.replies(result));
        assertEquals(0, sink.messages().size());
    }

    @Test
    void givesTheAcceptedRecipientsTheSinksRefusalOfTheMessage() throws Exception {
        sink = PostfixSmtpSink.start(dir, "-f", ".");

        DeliveryResult result = deliver(Messages.CONTENT, "a@example.org");

        assertArrayEquals(new String[] {"500 5.3.0 Error: command failed"}, Messages.replies(result));
        assertEquals(1, sink.count("RSET"), "the connection is reset and kept");
    }
}
