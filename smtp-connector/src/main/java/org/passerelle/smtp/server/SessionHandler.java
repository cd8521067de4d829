package org.passerelle.smtp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.passerelle.smtp.SmtpSession;
import org.passerelle.smtp.SmtpSessionListener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Netty's side of one SMTP session. It runs on an endpoint thread, not on the event loop, so the
 * endpoint may block. The channel reads only when asked, one batch at a time: a client cannot pile
 * up input while the endpoint is thinking.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SessionHandler.class.getName());

    private final ListenerSettings settings;
    private final SmtpSessionListener listener;
    private final Runnable onEnd;
    private SessionProtocol protocol;
    private ScheduledFuture<?> idleTimer;
    private boolean open;

    /** @param onEnd told on this session's thread once nothing more will run there for it */
    SessionHandler(ListenerSettings settings, SmtpSessionListener listener, Runnable onEnd) {
        this.settings = settings;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SmtpSession session = new SmtpSession(ctx.channel().id().asShortText(), settings.name(),
                (InetSocketAddress) ctx.channel().remoteAddress(), null, false);
        protocol = new SessionProtocol(settings, listener, session,
                reply -> ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.encode())));
        open = protocol.connect();
        if (open) {
            awaitClient(ctx);
        } else {
            closeAfterReplies(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf in = (ByteBuf) message;
        stopIdleTimer();
        try {
            if (open) {
                open = protocol.receive(in);
                if (!open) {
                    closeAfterReplies(ctx);
                }
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (open) {
            awaitClient(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open = false;
        stopIdleTimer();
        if (protocol != null) {
            protocol.end();
        }
    }

    /** The last call this handler gets, once the closed channel leaves its pipeline. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        onEnd.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.log(Level.FINE, "connection " + ctx.channel() + " failed", cause);
        } else {
            LOG.log(Level.WARNING, "session " + ctx.channel() + " failed; closing it", cause);
        }
        open = false;
        ctx.close();
    }

    /** Asks for the next bytes, with the idle timer running until they come. */
    private void awaitClient(ChannelHandlerContext ctx) {
        stopIdleTimer();
        idleTimer = ctx.executor().schedule(() -> idle(ctx), settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.read();
    }

    private void idle(ChannelHandlerContext ctx) {
        if (open) {
            open = false;
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

    private static void closeAfterReplies(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
