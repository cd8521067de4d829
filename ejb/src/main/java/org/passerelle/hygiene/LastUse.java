package org.passerelle.hygiene;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.passerelle.directory.NetworkRange;
import org.passerelle.directory.SenderApplication;

/**
 * When each application last had a message accepted, per network: the SMTP session notes it here,
 * in memory (one map write, no EJB call, no database round trip per message), and
 * {@link LastUseFlush} writes what accumulated to {@code application_use} every
 * {@code PSL_LAST_USE_FLUSH_SECONDS} with one batched upsert, and again at shutdown. A node that
 * crashes loses at most the last interval's times, which only makes an entry look older by that much.
 */
@ApplicationScoped
public class LastUse {

    private static final Logger LOG = Logger.getLogger(LastUse.class.getName());

    private record Key(String application, String network) {
    }

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    private final Map<Key, Instant> pending = new ConcurrentHashMap<>();

    /** The application's client had a message accepted now. */
    public void sent(SenderApplication application, InetAddress client) {
        application.networkHolding(client).ifPresent(network -> noted(application.name(), network, Instant.now()));
    }

    void noted(String application, NetworkRange network, Instant at) {
        pending.merge(new Key(application, network.toString()), at, (held, later) -> later.isAfter(held) ? later : held);
    }

    /** Writes the times noted since the last flush; kept for the next one if the database refuses. */
    public void flush() {
        List<NetworkUse> drained = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(key);
            if (at != null) {
                drained.add(new NetworkUse(key.application(), key.network(), at));
            }
        }
        if (drained.isEmpty()) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            new UseTable(db).record(drained);
        } catch (SQLException | RuntimeException e) {
            drained.forEach(use -> pending.merge(new Key(use.application(), use.network()), use.lastUsed(),
                    (held, earlier) -> held.isAfter(earlier) ? held : earlier));
            LOG.warning(() -> "last uses of the applications not written, kept for the next time: " + e);
        }
    }

    @PreDestroy
    void flushLast() {
        flush();
    }
}
