package org.passerelle.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;
import org.passerelle.smtp.TlsState;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Netty's side of one SMTP session. It runs on its channel's session thread, which the endpoint
 * may block (see {@link SmtpServer}). The channel reads only when asked, one batch at a time: a client cannot pile
 * up input while the endpoint is thinking, nor while the session waits (before the greeting, after
 * a refused AUTH).
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    /** Where the session stands, which decides what becomes of the bytes that arrive. */
    private enum State {
        /** Waiting for the TLS handshake of an implicit-TLS listener: SslHandler reads. */
        HANDSHAKE,
        /** Waiting before the greeting: bytes are kept, as proof that the client talks first. */
        BEFORE_GREETING,
        /** Bytes go to the protocol. */
        READING,
        /** Waiting to reply: bytes are kept for later. */
        PAUSED,
        /** Between STARTTLS and the end of the handshake: plain text is dropped. */
        STARTING_TLS,
        CLOSED
    }

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());

    private final ListenerSettings settings;
    private final SmtpSessionListener listener;
    private final SslContext tls;
    private final ConnectionLimiter.Admission admitted;
    private final InetSocketAddress client;
    private final Runnable onEnd;
    private State state = State.BEFORE_GREETING;
    private SessionProtocol protocol;
    /** Bytes received but not yet given to the protocol. */
    private ByteBuf pending;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> sessionTimer;

    /**
     * @param tls      the listener's TLS context, {@code null} when it has no certificate
     * @param admitted whether the connection limiter let this client in, or which limit it reached
     * @param client   the client: the connection's peer, or the one a trusted load balancer's PROXY header named
     * @param onEnd    told on this session's thread once nothing more will run there for it
     */
    SessionHandler(ListenerSettings settings, SmtpSessionListener listener, SslContext tls, ConnectionLimiter.Admission admitted,
                   InetSocketAddress client, Runnable onEnd) {
        this.settings = settings;
        this.listener = listener;
        this.tls = tls;
        this.admitted = admitted;
        this.client = client;
        this.onEnd = onEnd;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sessionTimer = schedule(ctx, settings.sessionTimeout(), () -> expire(ctx));
        if (settings.mode() == ListenerMode.SUBMISSIONS) {
            state = State.HANDSHAKE;
            ctx.read();
        } else {
            begin(ctx, null);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent handshake) || state == State.CLOSED) {
            return;
        }
        if (!handshake.isSuccess()) {
            LOG.log(Level.FINE, "TLS handshake with " + client + " failed", handshake.cause());
            close(ctx);
            return;
        }
        TlsState negotiated = negotiated(ctx);
        if (state == State.HANDSHAKE) {
            begin(ctx, negotiated);
        } else {
            protocol.tlsStarted(negotiated);
            state = State.READING;
            awaitClient(ctx);
        }
    }

    /** The connection is up, with TLS if the listener speaks it from the first byte: greet, maybe after a wait. */
    private void begin(ChannelHandlerContext ctx, TlsState negotiated) {
        if (admitted == ConnectionLimiter.Admission.TOO_MANY_FROM_CLIENT) {
            LOG.info(() -> "refused a connection from " + client + ": too many from that address");
            reply(ctx, Reply.of(421, "4.7.0", settings.hostName() + " Too many connections from your address"));
            closeAfterReplies(ctx);
            return;
        }
        if (admitted == ConnectionLimiter.Admission.TOO_MANY_IN_ALL) {
            LOG.info(() -> "refused a connection from " + client + ": listener " + settings.name()
                    + " holds its limit of " + settings.connectionLimit() + " connections");
            reply(ctx, Reply.of(421, "4.3.2", settings.hostName() + " Too many connections, try again later"));
            closeAfterReplies(ctx);
            return;
        }
        if (settings.pregreetDelay().isZero()) {
            greet(ctx, negotiated);
        } else {
            state = State.BEFORE_GREETING;
            schedule(ctx, settings.pregreetDelay(), () -> greet(ctx, negotiated));
            ctx.read();
        }
    }

    private void greet(ChannelHandlerContext ctx, TlsState negotiated) {
        if (state == State.CLOSED) {
            return;
        }
        boolean pregreeting = pending != null;
        if (pregreeting && settings.rejectPregreeting()) {
            LOG.info(() -> "refused " + client + ": it talked before the greeting");
            reply(ctx, Reply.of(554, "5.5.1", settings.hostName() + " Protocol error: talking before the greeting"));
            closeAfterReplies(ctx);
            return;
        }
        SmtpSession session = SmtpSession.connected(ctx.channel().id().asShortText(), settings.name(),
                settings.mode(), client, negotiated, pregreeting);
        protocol = new SessionProtocol(settings, listener, session, tls != null && negotiated == null,
                reply -> reply(ctx, reply));
        state = State.READING;
        if (follow(ctx, protocol.connect())) {
            feedPending(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf in = (ByteBuf) message;
        switch (state) {
            case READING -> {
                stopIdleTimer();
                feed(ctx, in);
            }
            case BEFORE_GREETING, PAUSED -> pending = pending == null ? in
                    : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), pending, in);
            default -> in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.READING) {
            awaitClient(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        stopIdleTimer();
        sessionTimer.cancel(false);
        releasePending();
        if (protocol != null) {
            protocol.end();
        }
    }

    /** The last call this handler gets, once the closed channel leaves its pipeline. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
        onEnd.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof SSLException) {
            LOG.log(Level.FINE, "connection " + ctx.channel().id().asShortText() + " from " + client + " failed", cause);
        } else {
            LOG.log(Level.WARNING, "session " + ctx.channel().id().asShortText() + " from " + client + " failed; closing it", cause);
        }
        close(ctx);
    }

    /** Gives bytes to the protocol and does what it says next; keeps what a pause leaves unread. */
    private void feed(ChannelHandlerContext ctx, ByteBuf in) {
        boolean keep = false;
        try {
            SessionProtocol.Next next = protocol.receive(in);
            keep = next == SessionProtocol.Next.PAUSE;
            follow(ctx, next);
        } finally {
            if (keep) {
                pending = in;
            } else {
                in.release();
            }
        }
    }

    private void feedPending(ChannelHandlerContext ctx) {
        ByteBuf kept = pending;
        pending = null;
        if (kept != null) {
            feed(ctx, kept);
        }
        if (state == State.READING) {
            awaitClient(ctx);
        }
    }

    /** Does what the protocol asked; whether the session goes on reading. */
    private boolean follow(ChannelHandlerContext ctx, SessionProtocol.Next next) {
        switch (next) {
            case READ -> {
                return true;
            }
            case PAUSE -> {
                state = State.PAUSED;
                schedule(ctx, protocol.pause(), () -> resume(ctx));
            }
            case START_TLS -> startTls(ctx);
            case CLOSE -> closeAfterReplies(ctx);
        }
        return false;
    }

    private void resume(ChannelHandlerContext ctx) {
        if (state != State.PAUSED) {
            return;
        }
        state = State.READING;
        if (follow(ctx, protocol.resume())) {
            feedPending(ctx);
        }
    }

    /**
     * RFC 3207: TLS starts once the {@code 220} has left in plain text. Nothing is read until the
     * TLS handler is in place, and what was read before is dropped.
     */
    private void startTls(ChannelHandlerContext ctx) {
        state = State.STARTING_TLS;
        releasePending();
        SslHandler handler = tls.newHandler(ctx.alloc());
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) sent -> {
            if (sent.isSuccess()) {
                sent.channel().eventLoop().execute(() -> {
                    sent.channel().pipeline().addFirst("tls", handler);
                    sent.channel().read();
                });
            }
        });
    }

    private void expire(ChannelHandlerContext ctx) {
        if (state == State.CLOSED) {
            return;
        }
        if (protocol != null) {
            protocol.expire();
        }
        closeAfterReplies(ctx);
    }

    /** Asks for the next bytes, with the idle timer running until they come. */
    private void awaitClient(ChannelHandlerContext ctx) {
        stopIdleTimer();
        idleTimer = schedule(ctx, settings.idleTimeout(), () -> idle(ctx));
        ctx.read();
    }

    private void idle(ChannelHandlerContext ctx) {
        if (state == State.READING) {
            protocol.timeout();
            closeAfterReplies(ctx);
        }
    }

    private void stopIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private static ScheduledFuture<?> schedule(ChannelHandlerContext ctx, Duration delay, Runnable task) {
        return ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static TlsState negotiated(ChannelHandlerContext ctx) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        return new TlsState(session.getProtocol(), session.getCipherSuite());
    }

    private static void reply(ChannelHandlerContext ctx, Reply reply) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.encode()));
    }

    private void close(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        ctx.close();
    }

    private void closeAfterReplies(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
