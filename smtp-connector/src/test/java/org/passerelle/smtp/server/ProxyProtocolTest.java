package org.passerelle.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.tls.TestTls;

/**
 * A listener behind a load balancer: real sockets from loopback addresses ({@code 127.0.0.30} is
 * the trusted balancer, {@code 127.0.0.31} is not) sending PROXY protocol v2 headers made by
 * Netty's own encoder, as haproxy's {@code send-proxy-v2} does.
 */
class ProxyProtocolTest {

    private static final String BALANCER = "127.0.0.30";
    private static final String GREETING = "220 mx.test.example ESMTP Passerelle";

    private final RecordingListener listener = new RecordingListener();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void theClientIsTheOneTheTrustedBalancersHeaderNames() throws IOException {
        SmtpServer server = start(behindBalancer());
        SmtpClient client = open(new SmtpClient(BALANCER, server.port()));

        client.send(header("192.0.2.44", 40123, server.port()));

        assertEquals(GREETING, client.reply());
        assertTrue(client.command("EHLO client.example").startsWith("250-mx.test.example"));
        assertEquals(List.of(new InetSocketAddress("192.0.2.44", 40123)), listener.clients);
        assertEquals(List.of("connect test", "ehlo client.example"), listener.calls);
    }

    @Test
    void theConnectionLimitCountsTheClientsTheHeadersNameNotTheBalancer() throws IOException {
        SmtpServer server = start(behindBalancer().toBuilder().clientConnectionLimit(1).build());
        SmtpClient first = open(new SmtpClient(BALANCER, server.port()));
        first.send(header("192.0.2.44", 40001, server.port()));
        assertEquals(GREETING, first.reply());

        SmtpClient again = open(new SmtpClient(BALANCER, server.port()));
        again.send(header("192.0.2.44", 40002, server.port()));
        assertEquals("421 4.7.0 mx.test.example Too many connections from your address", again.reply());

        SmtpClient other = open(new SmtpClient(BALANCER, server.port()));
        other.send(header("192.0.2.45", 40003, server.port()));
        assertEquals(GREETING, other.reply(), "another client behind the same balancer has a place of its own");
    }

    @Test
    void aHeaderFromAPeerOutsideTheProxyNetworksIsNotBelieved() throws IOException {
        SmtpServer server = start(behindBalancer());
        SmtpClient client = open(new SmtpClient("127.0.0.31", server.port()));

        assertEquals(GREETING, client.reply(), "a direct client is greeted at once, header or not");
        client.send(header("192.0.2.44", 40123, server.port()));
        client.send("EHLO client.example\r\nQUIT\r\n");
        drain(client);

        assertEquals(1, listener.clients.size());
        assertEquals("127.0.0.31", listener.clients.get(0).getAddress().getHostAddress());
    }

    @Test
    void aTrustedBalancerConnectionWithoutAHeaderIsClosedUngreeted() throws IOException {
        SmtpServer server = start(behindBalancer());
        SmtpClient client = open(new SmtpClient(BALANCER, server.port()));

        client.send("EHLO client.example\r\n");

        assertTrue(client.closedByServer(), "closed without a banner");
        assertEquals(List.of(), listener.calls, "the endpoint never hears of it");
    }

    @Test
    void withoutProxyNetworksTheBalancerIsAnOrdinaryClient() throws IOException {
        SmtpServer server = start(ListenerSettings.of("test", "127.0.0.1", 0, TestTls.HOST));
        SmtpClient client = open(new SmtpClient(BALANCER, server.port()));

        assertEquals(GREETING, client.reply());
        assertEquals(BALANCER, listener.clients.get(0).getAddress().getHostAddress());
    }

    @Test
    void aHealthCheckIsAnsweredWithoutTheEndpointAndTakesNoPlaceInTheLimits() throws IOException {
        SmtpServer server = start(behindBalancer().toBuilder().clientConnectionLimit(1).build());
        SmtpClient check = open(new SmtpClient(BALANCER, server.port()));
        check.send(localHeader());
        SmtpClient second = open(new SmtpClient(BALANCER, server.port()));
        second.send(localHeader());

        assertEquals(GREETING, check.reply());
        assertEquals(GREETING, second.reply(), "checks are not counted as connections of the balancer's address");
        assertTrue(check.command("EHLO lb.example").startsWith("250-mx.test.example"));
        assertEquals("554 5.7.0 A health check carries no mail", check.command("MAIL FROM:<a@example.com>"));
        assertEquals("221 2.0.0 Bye", check.command("QUIT"));
        assertEquals(List.of(), listener.calls, "the endpoint never hears of a check");
    }

    @Test
    void anImplicitTlsListenerStartsTlsAfterTheHeader() throws IOException {
        SmtpServer server = start(behindBalancer().toBuilder().mode(ListenerMode.SUBMISSIONS).tls(TestTls.settings()).build());
        SmtpClient client = open(new SmtpClient(BALANCER, server.port()));

        client.send(header("192.0.2.44", 40123, server.port()));
        client.startTls(TestTls.clientContext());

        assertEquals(GREETING, client.reply());
        assertEquals("connect test tls=TLSv1.3", listener.calls.get(0));
        assertEquals(new InetSocketAddress("192.0.2.44", 40123), listener.clients.get(0));
    }

    private static ListenerSettings behindBalancer() {
        return ListenerSettings.builder("test", "127.0.0.1", 0, TestTls.HOST)
                .proxyNetworks(ProxyNetworks.parse(BALANCER + "/32")).build();
    }

    /** A v2 PROXY header for a TCP client over IPv4, as haproxy's {@code send-proxy-v2} writes it. */
    private static byte[] header(String client, int clientPort, int serverPort) {
        return encoded(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY, HAProxyProxiedProtocol.TCP4,
                client, "127.0.0.1", clientPort, serverPort));
    }

    /** A v2 {@code LOCAL} header: haproxy's health check with {@code check-send-proxy}. */
    private static byte[] localHeader() {
        return encoded(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL, HAProxyProxiedProtocol.UNKNOWN,
                null, null, 0, 0));
    }

    private static byte[] encoded(HAProxyMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteBuf bytes = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(bytes);
        } finally {
            bytes.release();
            encoder.finishAndReleaseAll();
        }
    }

    /** Reads replies until the server closes the connection. */
    private static void drain(SmtpClient client) {
        try {
            while (true) {
                client.reply();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private SmtpServer start(ListenerSettings settings) throws IOException {
        return open(SmtpServer.start(settings, listener));
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
