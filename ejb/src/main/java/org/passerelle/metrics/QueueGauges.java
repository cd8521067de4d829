package org.passerelle.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.passerelle.settings.Setting;
import org.passerelle.tracking.MessageState;

/**
 * The queue's gauges. A scrape must not cost the database a scan, so the figures are read by one
 * timer every {@code psl.metrics.queue-refresh-seconds} ({@link QueueFigures}) and the gauges show
 * the last reading. They are the cluster's figures: every node shows the same.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private TimerService timers;

    @Inject
    private MeterRegistry registry;

    @Inject
    private GatewayMetrics metrics;

    private final AtomicReference<QueueFigures> figures = new AtomicReference<>(QueueFigures.EMPTY);
    private final Clock clock = Clock.systemUTC();
    private Duration failingWindow;

    @PostConstruct
    void register() {
        Duration refresh = Setting.seconds("psl.metrics.queue-refresh-seconds");
        failingWindow = Setting.seconds("psl.metrics.failing-hop-seconds");
        // registry.gauge, not Gauge.builder: the registry WildFly gives a deployment exports only the
        // former; it keeps a weak reference to the figures, which this bean holds
        for (MessageState state : QueueFigures.IN_QUEUE) {
            registry.gauge("passerelle.queue.messages", Tags.of("state", state.name().toLowerCase(Locale.ROOT)), figures,
                    f -> f.get().messages(state));
        }
        registry.gauge("passerelle.queue.oldest.age.seconds", Tags.empty(), figures, f -> f.get().oldestAge().toMillis() / 1000.0);
        registry.gauge("passerelle.queue.oldest.due.seconds", Tags.empty(), figures, f -> f.get().oldestDue().toMillis() / 1000.0);
        registry.gauge("passerelle.next.hops.failing", Tags.empty(), figures, f -> f.get().failingHops());
        refresh();
        timers.createIntervalTimer(refresh.toMillis(), refresh.toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    public void refresh() {
        try (Connection db = dataSource.getConnection()) {
            figures.set(QueueFigures.read(db, clock.instant(), failingWindow));
        } catch (SQLException | RuntimeException e) {
            metrics.databaseError("queue-figures");
            LOG.warning(() -> "the queue's figures were not read, the gauges keep the last ones: " + e);
        }
    }

    /** The last reading. */
    public QueueFigures figures() {
        return figures.get();
    }
}
