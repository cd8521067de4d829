package org.passerelle.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;

import org.passerelle.smtp.MailRefusedException;
import org.passerelle.smtp.MailSubmission;
import org.passerelle.smtp.MailSubmissionFactory;

class SmtpResourceAdapterTest {

    private final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    private final FakeEndpoint.Factory factory = new FakeEndpoint.Factory();

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    @Test
    void opensAListenerPerActivationThatAsksTheEndpoint() throws Exception {
        SmtpActivationSpec spec = spec(freePort());

        adapter.endpointActivation(factory, spec);

        try (Socket socket = new Socket("127.0.0.1", spec.getPort())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("220 mx.example.org ESMTP Passerelle", in.readLine());
            OutputStream out = socket.getOutputStream();
            out.write("HELO app.example\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("250 mx.example.org", in.readLine());
        }
        assertEquals("create", factory.events.get(0));
        assertTrue(factory.events.contains("helo app.example"), factory.events::toString);
    }

    @Test
    void theInsideActivationOpensNoPortAndTheMailSubmissionFactoryPutsMessagesToItsEndpoint() throws Exception {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setListenerName("inside");
        spec.setMode("inside");
        adapter.endpointActivation(factory, spec);
        InsideManagedConnectionFactory definition = new InsideManagedConnectionFactory();
        definition.setApplication("billing");
        definition.setResourceAdapter(adapter);
        MailSubmissionFactory submissions = (MailSubmissionFactory) definition.createConnectionFactory();

        try (MailSubmission mail = submissions.getConnection()) {
            mail.submit("billing@managed.test", List.of("someone@example.test"), "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(factory.events.containsAll(List.of("helo billing", "mail <billing@managed.test>", "rcpt <someone@example.test>", "data 21")),
                factory.events::toString);

        adapter.endpointDeactivation(factory, spec);
        try (MailSubmission mail = submissions.getConnection()) {
            assertEquals(421, assertThrows(MailRefusedException.class,
                    () -> mail.submit("billing@managed.test", List.of("someone@example.test"), new byte[0])).code());
        }
    }

    @Test
    void aMailSubmissionDefinitionWithoutAnApplicationRefusesEveryMessageNamingTheSetting() throws Exception {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setListenerName("inside");
        spec.setMode("inside");
        adapter.endpointActivation(factory, spec);
        InsideManagedConnectionFactory definition = new InsideManagedConnectionFactory();
        definition.setResourceAdapter(adapter);
        try (MailSubmission mail = ((MailSubmissionFactory) definition.createConnectionFactory()).getConnection()) {
            MailRefusedException refused = assertThrows(MailRefusedException.class,
                    () -> mail.submit("billing@managed.test", List.of("someone@example.test"), new byte[0]));
            assertEquals(554, refused.code());
            assertTrue(refused.text().contains("PSL_MAIL_SUBMISSION_APPLICATION"), refused.text());
        }
        assertTrue(factory.events.isEmpty(), factory.events::toString);
    }

    @Test
    void closesTheListenerWhenTheEndpointIsDeactivated() throws Exception {
        SmtpActivationSpec spec = spec(freePort());
        adapter.endpointActivation(factory, spec);

        adapter.endpointDeactivation(factory, spec);

        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", spec.getPort()).close());
    }

    @Test
    void reportsAPortThatCannotBeBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ResourceException failure = assertThrows(ResourceException.class,
                    () -> adapter.endpointActivation(factory, spec(taken.getLocalPort())));

            assertTrue(failure.getMessage().startsWith("SMTP listener relay cannot listen on 127.0.0.1:"),
                    failure.getMessage());
        }
    }

    @Test
    void refusesAForeignActivationSpec() {
        ActivationSpec foreign = new ActivationSpec() {
            @Override
            public void validate() {
            }

            @Override
            public ResourceAdapter getResourceAdapter() {
                return null;
            }

            @Override
            public void setResourceAdapter(ResourceAdapter ra) {
            }
        };

        assertThrows(NotSupportedException.class, () -> adapter.endpointActivation(factory, foreign));
    }

    @Test
    void hasNoTransactionsToRecover() {
        assertNull(adapter.getXAResources(new ActivationSpec[] {spec(25)}));
    }

    @Test
    void comparesEqualToAnotherInstanceAsItHasNoConfigurationProperties() {
        assertEquals(new SmtpResourceAdapter(), adapter);
        assertEquals(new SmtpResourceAdapter().hashCode(), adapter.hashCode());
    }

    private static SmtpActivationSpec spec(int port) {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setListenerName("relay");
        spec.setBindAddress("127.0.0.1");
        spec.setPort(port);
        spec.setHostName("mx.example.org");
        return spec;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
