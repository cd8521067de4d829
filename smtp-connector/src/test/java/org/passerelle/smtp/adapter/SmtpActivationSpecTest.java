package org.passerelle.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.passerelle.smtp.server.ListenerSettings;

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

        assertEquals(new ListenerSettings("relay", "127.0.0.1", 2525, "mx.example.org", 5_000_000, 50,
                Duration.ofSeconds(60), 4), spec.toSettings());
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

    private static SmtpActivationSpec spec(String listenerName, Integer port) {
        SmtpActivationSpec spec = new SmtpActivationSpec();
        spec.setListenerName(listenerName);
        spec.setPort(port);
        return spec;
    }

    private static String invalid(SmtpActivationSpec spec) {
        return assertThrows(InvalidPropertyException.class, spec::validate).getMessage();
    }
}
