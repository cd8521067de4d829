package org.passerelle.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.tls.ServerTls;

/**
 * One listening SMTP port. One thread accepts connections; each session then lives on one of the
 * listener's session threads, which reads its commands, asks the endpoint (which may block on the
 * directory or the database) and writes its replies: no hand-off between threads per command. A
 * session waiting on a slow endpoint holds its thread, and the other sessions of that thread wait
 * with it, as they did when sessions were handed to endpoint threads (one each, too), but accepting
 * never waits.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class.getName());
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final ListenerSettings settings;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup sessionThreads;
    private final ChannelGroup connections;
    private final ConnectionLimiter limiter;
    /** One per session, completed on its endpoint thread once the session has ended. */
    private final Set<CompletableFuture<Void>> sessionEnds = ConcurrentHashMap.newKeySet();
    private Channel serverChannel;

    private SmtpServer(ListenerSettings settings) {
        this.settings = settings;
        String prefix = "smtp-" + settings.name();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(prefix + "-accept", true),
                NioIoHandler.newFactory());
        // a session's IO and its endpoint calls on one thread: a hand-off to another thread and
        // back cost two wake-ups per command (see docs/performance.md)
        this.sessionThreads = new MultiThreadIoEventLoopGroup(settings.endpointThreads(),
                new DefaultThreadFactory(prefix + "-endpoint", true), NioIoHandler.newFactory());
        this.connections = new DefaultChannelGroup(prefix, ImmediateEventExecutor.INSTANCE);
        this.limiter = new ConnectionLimiter(settings.clientConnectionLimit(), settings.connectionLimit());
    }

    /**
     * Binds the listener and returns once it accepts connections.
     *
     * @throws IOException when the address cannot be bound (port taken, unknown address, no permission)
     *                     or the TLS keystore cannot be read (or the self-signed one written)
     */
    public static SmtpServer start(ListenerSettings settings, SmtpSessionListener listener) throws IOException {
        SslContext tls = ServerTls.context(settings.tls(), settings.hostName());
        SmtpServer server = new SmtpServer(settings);
        server.bind(listener, tls);
        LOG.info(() -> "SMTP listener " + settings.name() + " listening on " + server.localAddress()
                + (settings.proxyNetworks().isEmpty() ? "" : ", clients named by the PROXY protocol headers of " + settings.proxyNetworks()));
        return server;
    }

    private void bind(SmtpSessionListener listener, SslContext tls) throws IOException {
        SessionStarter sessions = new SessionStarter(settings, listener, tls, limiter);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, sessionThreads)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // heap buffers: the DATA decoder scans every octet, which a direct buffer makes a
                // call per octet (a fifth of the CPU of a 4 KiB message in the relay benchmark)
                .childOption(ChannelOption.ALLOCATOR, new PooledByteBufAllocator(false))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        CompletableFuture<Void> ended = new CompletableFuture<>();
                        sessionEnds.add(ended);
                        ended.thenRun(() -> sessionEnds.remove(ended));
                        InetSocketAddress peer = channel.remoteAddress();
                        if (settings.proxyNetworks().trusts(peer.getAddress())) {
                            // a load balancer: the client is the one its PROXY header names, the header comes first
                            channel.pipeline().addLast("proxy-header", new HAProxyMessageDecoder())
                                    .addLast("proxy-client", new ProxyHeaderHandler(peer, sessions, () -> ended.complete(null)));
                        } else {
                            sessions.start(channel, peer, () -> ended.complete(null));
                        }
                    }
                });
        ChannelFuture bound = bootstrap.bind(settings.bindAddress(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDownThreads();
            throw new IOException("SMTP listener " + settings.name() + " cannot listen on " + settings.bindAddress()
                    + ":" + settings.port() + ": " + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port: the configured one, or the one picked when port 0 was asked. */
    public int port() {
        return localAddress().getPort();
    }

    /**
     * Stops listening, tells connected clients the service is going away, lets their sessions end
     * (an endpoint call in progress finishes first) and waits for the threads to stop.
     */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
        Reply goingAway = Reply.of(421, "4.3.2", settings.hostName() + " Service shutting down, closing connection");
        connections.writeAndFlush(Unpooled.wrappedBuffer(goingAway.encode()));
        connections.close().awaitUninterruptibly();
        awaitSessionEnds();
        shutDownThreads();
        LOG.info(() -> "SMTP listener " + settings.name() + " closed");
    }

    private void awaitSessionEnds() {
        try {
            CompletableFuture.allOf(sessionEnds.toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "SMTP listener " + settings.name() + ": " + sessionEnds.size()
                    + " sessions still busy with the endpoint; stopping anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a session end cannot fail", e);
        }
    }

    private void shutDownThreads() {
        acceptor.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        sessionThreads.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
