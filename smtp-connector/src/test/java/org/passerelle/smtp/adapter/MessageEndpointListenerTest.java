package org.passerelle.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.smtp.MessageContent;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.Verdict;

class MessageEndpointListenerTest {

    private static final SmtpSession SESSION =
            new SmtpSession("s1", "relay", new InetSocketAddress("192.0.2.10", 40000), "app.example", true);
    private static final Envelope ENVELOPE = Envelope.from(new MailAddress("app", "example.com"), Map.of());

    private final FakeEndpoint.Factory factory = new FakeEndpoint.Factory();
    private final MessageEndpointListener listener = new MessageEndpointListener(factory);

    @Test
    void callsEachStageOnAFreshEndpointAndReleasesIt() {
        MessageContent content = new MessageContent() {
            @Override
            public long size() {
                return 42;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(new byte[42]);
            }
        };

        assertEquals(Verdict.accept(), listener.connect(SESSION));
        listener.helo(SESSION);
        listener.mail(SESSION, ENVELOPE);
        listener.rcpt(SESSION, ENVELOPE, new MailAddress("jane", "example.net"));
        listener.data(SESSION, ENVELOPE.withRecipient(new MailAddress("jane", "example.net")), content);

        assertEquals(List.of(
                "create", "connect", "release",
                "create", "helo app.example", "release",
                "create", "mail <app@example.com>", "release",
                "create", "rcpt <jane@example.net>", "release",
                "create", "data 42", "release"), factory.events);
    }

    @Test
    void releasesTheEndpointWhenTheBeanThrows() {
        IllegalStateException failure = new IllegalStateException("EJB exception");
        factory.failure = failure;

        assertSame(failure, assertThrows(IllegalStateException.class, () -> listener.mail(SESSION, ENVELOPE)));
        assertEquals(List.of("create", "mail <app@example.com>", "release"), factory.events);
    }

    @Test
    void reportsAnUnavailableEndpointAsAnUncheckedFailure() {
        factory.unavailable = true;

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> listener.connect(SESSION));
        assertEquals("the SMTP message endpoint is unavailable", failure.getMessage());
    }
}
