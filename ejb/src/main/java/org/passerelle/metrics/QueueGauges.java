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

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

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
        for (MessageState state : QueueFigures.IN_QUEUE) {
            Gauge.builder("passerelle.queue.messages", figures, f -> f.get().messages(state))
                    .description("Messages in the queue by state (cluster-wide)").tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
        Gauge.builder("passerelle.queue.oldest.age", figures, f -> f.get().oldestAge().toMillis() / 1000.0)
                .description("Time since the acceptance of the oldest queued or deferred message").baseUnit("seconds")
                .strongReference(true).register(registry);
        Gauge.builder("passerelle.queue.oldest.due", figures, f -> f.get().oldestDue().toMillis() / 1000.0)
                .description("How long the most overdue message has waited for its delivery attempt").baseUnit("seconds")
                .strongReference(true).register(registry);
        Gauge.builder("passerelle.next.hops.failing", figures, f -> f.get().failingHops())
                .description("Next hops whose attempts all failed in the window (psl.metrics.failing-hop-seconds)")
                .strongReference(true).register(registry);
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
