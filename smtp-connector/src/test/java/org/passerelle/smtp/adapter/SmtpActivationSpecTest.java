package org.passerelle.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.server.ListenerSettings;
import org.passerelle.smtp.server.ProxyNetworks;
import org.passerelle.smtp.tls.TlsSettings;

import jakarta.resource.spi.InvalidPropertyException;

class SmtpActivationSpecTest {

    @Test
    void buildsTheListenerSettingsFromItsProperties() throws InvalidPropertyException {
        SmtpActivationSpec spec = spec("relay", 2525);
        spec.setBindAddress("127.0.0.1");
        spec.setHostName("mx.example.org");
        spec.setMessageSizeLimit(5_000_000);
        spec.setRecipientLimit(50);
        spec.setIdleTimeoutSeconds(60);
        spec.setEndpointThreads(4);

        spec.setSessionTimeoutSeconds(600);
        spec.setClientConnectionLimit(5);
        spec.setAuthFailureLimit(2);
        spec.setAuthFailureDelayMillis(500);
        spec.setPregreetDelayMillis(300);
        spec.setRejectPregreeting(true);

        assertEquals(ListenerSettings.builder("relay", "127.0.0.1", 2525, "mx.example.org")
                .messageSizeLimit(5_000_000).recipientLimit(50).idleTimeout(Duration.ofSeconds(60))
                .sessionTimeout(Duration.ofMinutes(10)).clientConnectionLimit(5).authFailureLimit(2)
                .authFailureDelay(Duration.ofMillis(500)).pregreetDelay(Duration.ofMillis(300)).rejectPregreeting(true)
                .endpointThreads(4).build(), spec.toSettings());
    }

    @Test
    void leavesUnsetLimitsAtTheirDefaults() throws InvalidPropertyException {
        ListenerSettings settings = spec("relay", 25).toSettings();

        assertEquals("0.0.0.0", settings.bindAddress());
        assertFalse(settings.hostName().isBlank());
        assertEquals(ListenerSettings.DEFAULT_MESSAGE_SIZE_LIMIT, settings.messageSizeLimit());
        assertEquals(ListenerSettings.DEFAULT_RECIPIENT_LIMIT, settings.recipientLimit());
        assertEquals(ListenerSettings.DEFAULT_IDLE_TIMEOUT, settings.idleTimeout());
        assertEquals(ListenerSettings.DEFAULT_ENDPOINT_THREADS, settings.endpointThreads());
        assertEquals(ListenerMode.RELAY, settings.mode());
        assertEquals(TlsSettings.NONE, settings.tls());
        assertEquals(ListenerSettings.DEFAULT_SESSION_TIMEOUT, settings.sessionTimeout());
        assertEquals(ListenerSettings.DEFAULT_CLIENT_CONNECTION_LIMIT, settings.clientConnectionLimit());
        assertEquals(ListenerSettings.DEFAULT_AUTH_FAILURE_LIMIT, settings.authFailureLimit());
        assertEquals(ListenerSettings.DEFAULT_AUTH_FAILURE_DELAY, settings.authFailureDelay());
        assertEquals(Duration.ZERO, settings.pregreetDelay());
        assertFalse(settings.rejectPregreeting());
    }

    @Test
    void setsUpASubmissionListenerWithItsKeystore() throws InvalidPropertyException {
        SmtpActivationSpec spec = spec("submission", 587);
        spec.setMode("Submission");
        spec.setKeystorePath("/etc/passerelle/smtp.p12");
        spec.setKeystorePassword("s3cret-pass");
        spec.setKeyAlias("mx");

        ListenerSettings settings = spec.toSettings();

        assertEquals(ListenerMode.SUBMISSION, settings.mode());
        assertEquals(new TlsSettings(Path.of("/etc/passerelle/smtp.p12"), "s3cret-pass", "mx", null), settings.tls());
        assertFalse(settings.toString().contains("s3cret-pass"), settings::toString);
    }

    @Test
    void refusesATlsModeWithoutAnyCertificateAndAnUnknownMode() {
        SmtpActivationSpec submission = spec("submission", 587);
        submission.setMode("submission");
        assertEquals("SMTP activation: listener submission: mode submission needs a keystore or a place for a "
                + "self-signed one (keystorePath or selfSignedKeystore)", invalid(submission));

        SmtpActivationSpec unknown = spec("relay", 25);
        unknown.setMode("lmtp");
        assertEquals("SMTP activation: mode must be relay, submission, submissions or inside, not lmtp", invalid(unknown));
    }

    @Test
    void requiresAListenerNameAndAPort() {
        assertEquals("SMTP activation: listenerName is required", invalid(spec(null, 25)));
        assertEquals("SMTP activation relay: port is required", invalid(spec("relay", null)));
    }

    @Test
    void explainsAnOutOfRangeValue() {
        assertEquals("SMTP activation: listener relay: port must be within 0-65535, not 70000",
                invalid(spec("relay", 70000)));

        SmtpActivationSpec spec = spec("relay", 25);
        spec.setRecipientLimit(0);
        assertEquals("SMTP activation: listener relay: recipient limit must be positive, not 0", invalid(spec));
    }

    @Test
    void survivesSerializationWithoutItsResourceAdapter() throws Exception {
        SmtpActivationSpec spec = spec("relay", 25);
        spec.setResourceAdapter(new SmtpResourceAdapter());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        SmtpActivationSpec copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SmtpActivationSpec) in.readObject();
        }

        assertEquals("relay", copy.getListenerName());
        assertEquals(25, copy.getPort());
        assertNull(copy.getResourceAdapter());
    }

    @Test
    void readsTheProxyNetworksAndRefusesABadOne() throws InvalidPropertyException {
        SmtpActivationSpec spec = spec("relay", 25);
        assertTrue(spec.toSettings().proxyNetworks().isEmpty(), "no load balancer unless configured");

        spec.setProxyNetworks("127.0.0.30/32, 10.0.0.0/29");
        assertEquals(ProxyNetworks.parse("127.0.0.30/32,10.0.0.0/29"), spec.toSettings().proxyNetworks());

        spec.setProxyNetworks("127.0.0.30, haproxy.example");
        assertEquals("SMTP activation: proxy network haproxy.example is not an IP address or a CIDR network", invalid(spec));
    }

    private static SmtpActivationSpec spec(String listenerName, Integer port) {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setListenerName(listenerName);
        spec.setPort(port);
        return spec;
    }

    private static String invalid(SmtpActivationSpec spec) {
        return assertThrows(InvalidPropertyException.class, spec::validate).getMessage();
    }

    @Test
    void theInsideActivationNeedsNoPort() throws Exception {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setListenerName("inside");
        spec.setMode("inside");
        spec.validate();
        assertTrue(spec.inside());
    }
}
