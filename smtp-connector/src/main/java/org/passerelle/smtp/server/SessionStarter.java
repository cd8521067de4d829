package org.passerelle.smtp.server;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import org.passerelle.smtp.ListenerMode;
import org.passerelle.smtp.SmtpSessionListener;

/**
 * Puts a session on a connection once its client is known: at once for a direct client, after the
 * PROXY header for a load balancer's ({@link ProxyHeaderHandler}). The client is counted by the
 * connection limiter from that moment, so that TLS handshakes count too; a load balancer's health
 * check is not counted and is answered without the endpoint ({@link HealthCheckListener}), since
 * it is no client: it would otherwise take a place among the connections and count in the
 * gateway's rates.
 */
final class SessionStarter {

    private final ListenerSettings settings;
    private final SmtpSessionListener endpoint;
    private final SslContext tls;
    private final ConnectionLimiter limiter;

    SessionStarter(ListenerSettings settings, SmtpSessionListener endpoint, SslContext tls, ConnectionLimiter limiter) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.tls = tls;
        this.limiter = limiter;
    }

    /** Adds the session's handlers behind those already on the channel; they see channelActive next. */
    void start(Channel channel, InetSocketAddress client, Runnable onEnd) {
        ConnectionLimiter.Admission admitted = limiter.admit(client.getAddress());
        if (admitted == ConnectionLimiter.Admission.ADMITTED) {
            channel.closeFuture().addListener(closed -> limiter.release(client.getAddress()));
        }
        add(channel, endpoint, admitted, client, onEnd);
    }

    /** A load balancer's health check (PROXY {@code LOCAL}): greeted, answered EHLO and QUIT, never a mail. */
    void startHealthCheck(Channel channel, InetSocketAddress balancer, Runnable onEnd) {
        add(channel, HealthCheckListener.INSTANCE, ConnectionLimiter.Admission.ADMITTED, balancer, onEnd);
    }

    private void add(Channel channel, SmtpSessionListener listener, ConnectionLimiter.Admission admitted,
                     InetSocketAddress client, Runnable onEnd) {
        if (settings.mode() == ListenerMode.SUBMISSIONS) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        channel.pipeline().addLast("smtp-session", new SessionHandler(settings, listener, tls, admitted, client, onEnd));
    }
}
