package org.passerelle.smtp.client.pool;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

import org.passerelle.smtp.client.DeliveryResult;
import org.passerelle.smtp.client.MailTransaction;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.smtp.client.TlsPolicy;
import org.passerelle.smtp.client.protocol.ClientReplies;
import org.passerelle.smtp.client.protocol.SessionRefusedException;
import org.passerelle.smtp.client.protocol.SessionSettings;
import org.passerelle.smtp.client.protocol.SmtpClientSession;
import org.passerelle.smtp.client.protocol.StaleSessionException;

/**
 * Delivers mail transactions over the pooled connections: a connection of the pool or a new one,
 * the transaction, RSET, and the connection back to the pool. An idle connection found closed
 * before it carried anything is replaced, as nothing was sent over it.
 */
public final class PooledSmtpClient implements AutoCloseable {

    private final SessionSettings sessionSettings;
    private final PoolSettings poolSettings;
    private final NextHopPool pool;

    public PooledSmtpClient(SessionSettings sessionSettings, PoolSettings poolSettings) {
        this.sessionSettings = sessionSettings;
        this.poolSettings = poolSettings;
        this.pool = new NextHopPool(poolSettings);
    }

    public DeliveryResult deliver(NextHop hop, MailTransaction transaction, TlsPolicy tls) {
        Predicate<SmtpClientSession> usable = session -> session.satisfies(tls);
        while (true) {
            Optional<NextHopPool.Lease> lease;
            try {
                lease = pool.borrow(hop, usable);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lease = Optional.empty();
            }
            if (lease.isEmpty()) {
                return DeliveryResult.sameForAll(transaction, ClientReplies.noFreeConnection(hop, poolSettings.connectionWait()));
            }
            SmtpClientSession session = lease.get().session();
            if (session == null) {
                try {
                    session = SmtpClientSession.open(hop, sessionSettings, tls);
                } catch (SessionRefusedException e) {
                    pool.abandon(hop);
                    return DeliveryResult.sameForAll(transaction, e.reply());
                } catch (IOException e) {
                    pool.abandon(hop);
                    return DeliveryResult.sameForAll(transaction, ClientReplies.noAnswer(hop, e));
                } catch (RuntimeException e) {
                    pool.abandon(hop);
                    throw e;
                }
                pool.opened(session);
            }
            try {
                DeliveryResult result = session.send(transaction);
                session.reset();
                return result;
            } catch (StaleSessionException e) {
                if (!lease.get().reused()) {
                    return DeliveryResult.sameForAll(transaction, ClientReplies.connectionLost(hop, e.getCause()));
                }
            } finally {
                pool.release(session);
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
