package org.passerelle.smtp.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.Messages;
import org.passerelle.smtp.client.ObligingPeer;
import org.passerelle.smtp.client.SmtpClientConnection;
import org.passerelle.smtp.client.SmtpClientConnectionFactory;
import org.passerelle.smtp.client.SmtpPeer;
import org.passerelle.smtp.client.TlsPolicy;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;

class SmtpClientManagedConnectionFactoryTest {

    private final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    private final SmtpClientManagedConnectionFactory factory = new SmtpClientManagedConnectionFactory();
    private SmtpPeer peer;

    @AfterEach
    void stop() throws Exception {
        adapter.stop();
        factory.stop();
        if (peer != null) {
            peer.close();
        }
    }

    private SmtpClientManagedConnectionFactory configured() throws Exception {
        factory.setHeloName("relay.passerelle.test");
        factory.setResourceAdapter(adapter);
        return factory;
    }

    private static MailTransaction message() {
        return Messages.transaction("app@corp.test", "user@example.org");
    }

    @Test
    void aConnectionFromTheFactoryDeliversOverThePooledConnections() throws Exception {
        peer = SmtpPeer.start(ObligingPeer.offering("PIPELINING"));
        SmtpClientConnectionFactory connections = (SmtpClientConnectionFactory) configured().createConnectionFactory();

        for (int i = 0; i < 2; i++) {
            try (SmtpClientConnection smtp = connections.getConnection()) {
                assertArrayEquals(new String[] {"250 2.0.0 Ok: queued"}, Messages.replies(smtp.deliver(peer.hop(), message())));
            }
        }

        assertEquals(1, peer.connections());
    }

    @Test
    void aClosedHandleDeliversNothing() throws Exception {
        SmtpClientConnection smtp = ((SmtpClientConnectionFactory) configured().createConnectionFactory()).getConnection();
        smtp.close();

        assertThrows(IllegalStateException.class, () -> smtp.deliver(new NextHop("127.0.0.1", 25), message()));
    }

    @Test
    void theFactorysTlsPolicyHoldsWhenTheCallerGivesNone() throws Exception {
        peer = SmtpPeer.start(ObligingPeer.offering());
        factory.setTlsRequired(true);
        SmtpClientConnectionFactory connections = (SmtpClientConnectionFactory) configured().createConnectionFactory();

        try (SmtpClientConnection smtp = connections.getConnection()) {
            assertArrayEquals(new String[] {"451 4.7.4 TLS is required (policy encrypt), but was not offered by " + peer.hop()},
                    Messages.replies(smtp.deliver(peer.hop(), message())));
            assertArrayEquals(new String[] {"250 2.0.0 Ok: queued"},
                    Messages.replies(smtp.deliver(peer.hop(), message(), TlsPolicy.MAY)));
        }
    }

    @Test
    void theDefaultTlsLevelIsMayAndTlsRequiredRaisesItToEncryptOnly() throws Exception {
        assertEquals(TlsPolicy.MAY, factory.defaultTls());
        factory.setTlsRequired(true);
        assertEquals(TlsPolicy.ENCRYPT, factory.defaultTls());
        factory.setTlsSecurityLevel("verify");
        assertEquals(TlsPolicy.VERIFY, factory.defaultTls());
    }

    @Test
    void refusesToDeployWithAnUnknownTlsLevelOrAnUnreadableCaFile() {
        factory.setHeloName("relay.passerelle.test");
        factory.setTlsSecurityLevel("secure");
        InvalidPropertyException level = assertThrows(InvalidPropertyException.class, () -> factory.setResourceAdapter(adapter));
        assertEquals("SMTP client: tlsSecurityLevel: unknown TLS policy level 'secure': expected none, may, encrypt, verify or fingerprint",
                level.getMessage());

        factory.setTlsSecurityLevel("verify");
        factory.setTlsCaFile("/nonexistent/ca.pem");
        assertThrows(InvalidPropertyException.class, () -> factory.setResourceAdapter(adapter));
    }

    @Test
    void tellsTheContainerWhenAHandleIsClosed() throws Exception {
        ManagedConnection managed = configured().createManagedConnection(null, null);
        List<ConnectionEvent> events = new ArrayList<>();
        managed.addConnectionEventListener(new Recorder(events));
        SmtpClientConnection handle = (SmtpClientConnection) managed.getConnection(null, null);

        handle.close();

        assertEquals(1, events.size());
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.get(0).getId());
        assertSame(handle, events.get(0).getConnectionHandle());
    }

    @Test
    void aCleanedUpManagedConnectionClosesItsHandles() throws Exception {
        ManagedConnection managed = configured().createManagedConnection(null, null);
        SmtpClientConnection handle = (SmtpClientConnection) managed.getConnection(null, null);

        managed.cleanup();

        assertThrows(IllegalStateException.class, () -> handle.deliver(new NextHop("127.0.0.1", 25), message()));
    }

    @Test
    void anyOfItsManagedConnectionsMatches() throws Exception {
        ManagedConnection managed = configured().createManagedConnection(null, null);

        assertSame(managed, factory.matchManagedConnections(Set.of(managed), null, null));
        assertNull(factory.matchManagedConnections(Set.of(), null, null));
    }

    @Test
    void refusesToDeployWithoutAHeloNameOrWithBadLimits() {
        assertThrows(InvalidPropertyException.class, () -> factory.setResourceAdapter(adapter));
        factory.setHeloName("relay.passerelle.test");
        factory.setNextHopConnectionLimit(0);
        assertThrows(InvalidPropertyException.class, () -> factory.setResourceAdapter(adapter));
    }

    @Test
    void equalityFollowsTheConfiguration() {
        SmtpClientManagedConnectionFactory other = new SmtpClientManagedConnectionFactory();
        assertEquals(factory, other);
        assertEquals(factory.hashCode(), other.hashCode());
        other.setConnectionLimit(5);
        assertNotEquals(factory, other);
    }

    @Test
    void theAdapterClosesThePooledConnectionsWhenItStops() throws Exception {
        peer = SmtpPeer.start(ObligingPeer.offering());
        try (SmtpClientConnection smtp = ((SmtpClientConnectionFactory) configured().createConnectionFactory()).getConnection()) {
            smtp.deliver(peer.hop(), message());
        }

        adapter.stop();

        assertEquals(1, peer.count("QUIT"));
    }

    private record Recorder(List<ConnectionEvent> events) implements ConnectionEventListener {

        @Override
        public void connectionClosed(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            events.add(event);
        }
    }
}
