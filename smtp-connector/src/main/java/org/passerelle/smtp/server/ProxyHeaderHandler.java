package org.passerelle.smtp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The first handler of a connection from a trusted load balancer, behind Netty's
 * {@code HAProxyMessageDecoder}: it waits for the PROXY protocol header, before the banner as
 * haproxy expects, and then puts the session on the connection for the client the header names.
 * The decoder closes a connection whose first bytes are no valid header; this handler closes one
 * that sends none in time. A header that names no IP client (haproxy's health checks send
 * {@code LOCAL}) gets the health-check answer, never a mail transaction.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(ProxyHeaderHandler.class.getName());

    private final InetSocketAddress balancer;
    private final SessionStarter sessions;
    private final Runnable onEnd;
    private ScheduledFuture<?> timeout;
    private boolean handedOver;

    /**
     * @param balancer the connection's peer, a trusted load balancer
     * @param onEnd    told once nothing more will run for this connection, unless a session took it over
     */
    ProxyHeaderHandler(InetSocketAddress balancer, SessionStarter sessions, Runnable onEnd) {
        this.balancer = balancer;
        this.sessions = sessions;
        this.onEnd = onEnd;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> refuse(ctx, "no PROXY protocol header within " + HEADER_TIMEOUT.toSeconds() + " s"),
                HEADER_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        ctx.read(); // the channel reads only when asked; the decoder asks again until the header is whole
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof HAProxyMessage header)) {
            ReferenceCountUtil.release(message); // nothing passes the decoder before the header
            return;
        }
        try {
            timeout.cancel(false);
            InetSocketAddress client = client(header);
            handedOver = true;
            if (client == null) {
                sessions.startHealthCheck(ctx.channel(), balancer, onEnd);
            } else {
                sessions.start(ctx.channel(), client, onEnd);
            }
            ctx.fireChannelActive(); // to the session's handlers, just added behind this one
            ctx.pipeline().remove(this);
        } finally {
            header.release();
        }
    }

    /** The client a {@code PROXY} header names; {@code null} for {@code LOCAL} or a header with no IP address. */
    private static InetSocketAddress client(HAProxyMessage header) {
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (header.command() != HAProxyCommand.PROXY
                || family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4 && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            return null;
        }
        try {
            // a literal checked by the decoder: no DNS lookup
            return new InetSocketAddress(InetAddress.getByName(header.sourceAddress()), header.sourcePort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the decoder passed a source that is no IP address: " + header.sourceAddress(), e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            refuse(ctx, "no valid PROXY protocol header (" + cause.getMessage() + ")");
        } else {
            LOG.log(Level.FINE, "connection from load balancer " + balancer + " failed", cause);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!handedOver) {
            onEnd.run();
        }
    }

    // the decoder has closed the connection already when its header is invalid; closing again does nothing
    private void refuse(ChannelHandlerContext ctx, String why) {
        if (!handedOver) {
            LOG.warning(() -> "closed a connection from " + balancer + ", in the listener's proxy networks: " + why);
            ctx.close();
        }
    }
}
