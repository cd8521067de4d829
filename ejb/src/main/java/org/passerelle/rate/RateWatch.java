package org.passerelle.rate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.SenderApplication;
import org.passerelle.metrics.GatewayMetrics;
import org.passerelle.settings.FatalConfiguration;

/**
 * This node's rate watch (docs/rates.md): the counts of connections per client, and of messages
 * and deliveries per application, kept in memory by {@link NodeRates}, are added to the database
 * every {@code PSL_RATE_FLUSH_SECONDS}; the cluster's sums of the sliding hour are read back, and
 * the alerts they call for raised ({@link AlertRules}, sent by {@link RateAlerts}). The session's
 * checks read those sums and this node's counts since: no database round trip per connection or
 * message. When the sums could not be read for three flushes, the checks answer {@code 451 4.3.0}.
 * Every node flushes its own counts; the expired slices are deleted every five minutes by one node
 * ({@link ClusterJobs}), at its first flush of the period.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "NodeHeartbeat"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RateWatch {

    private static final Logger LOG = Logger.getLogger(RateWatch.class.getName());
    /** Between two deletions of the expired slices and history. */
    private static final Duration EXPIRY_EVERY = Duration.ofMinutes(5);

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private TimerService timers;

    @EJB
    private RateAlerts alerts;

    @EJB
    private ClusterJobs jobs;

    @EJB
    private RelayDirectory relayDirectory;

    @Inject
    private GatewayMetrics metrics;

    @Inject
    private NodeRates counts;

    private final Clock clock = Clock.systemUTC();
    private RateSettings settings;
    /** The last expiry period this node asked for: it asks once per period. */
    private JobPeriod expiryAsked;

    @PostConstruct
    void start() {
        try {
            settings = RateSettings.fromServer();
        } catch (IllegalStateException e) {
            // a gateway whose rate checks are not what its operators set accepts nothing
            throw FatalConfiguration.stopServer(LOG, List.of("rate watch not started: " + e.getMessage()));
        }
        LOG.info(() -> String.format("rate watch: window %d s, clients alert above %d and blocked above %d, applications %d and %d"
                        + " (0: never), flush every %d s", settings.window().length().toSeconds(), settings.clients().alert(),
                settings.clients().block(), settings.applications().alert(), settings.applications().block(),
                settings.flush().toSeconds()));
        flush();
        timers.createIntervalTimer(settings.flush().toMillis(), settings.flush().toMillis(), new TimerConfig(null, false));
    }

    /** The busiest subjects of a kind in the sliding hour, from the database (flushed counts), most first. */
    public RatePage busiest(RateKind kind, int offset, int limit) {
        Instant first = settings.window().firstSlice(clock.instant());
        try (Connection db = dataSource.getConnection()) {
            RateTables tables = new RateTables(db);
            return new RatePage(tables.busiest(kind, first, offset, limit), tables.subjects(kind, first));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rates failed", e);
        }
    }

    /** Adds this node's counts to the database, reads the cluster's sums, raises the alerts due. */
    @Timeout
    public void flush() {
        Instant now = clock.instant();
        Map<RateKey, Long> drained = counts.drain();
        Map<RateKey, Long> sums;
        Map<String, List<Long>> history;
        try (Connection db = dataSource.getConnection()) {
            RateTables tables = new RateTables(db);
            try {
                tables.add(drained, settings.window().sliceOf(now), RateWindow.hourOf(now));
            } catch (SQLException e) {
                counts.restore(drained);
                throw e;
            }
            Instant first = settings.window().firstSlice(now);
            sums = tables.sums(first);
            history = anomalyCandidates(sums) ? tables.hourly(RateKind.MESSAGES, sameHours(now)) : Map.of();
            expire(tables, first, now);
        } catch (SQLException | RuntimeException e) {
            LOG.warning(() -> "rate counts not flushed, kept for the next time"
                    + (counts.checked() ? "" : "; sessions are deferred (451 4.3.0) until the database answers") + ": " + e);
            return;
        }
        counts.read(sums, now);
        alert(sums, history, now);
    }

    private void expire(RateTables tables, Instant first, Instant now) {
        JobPeriod period = JobPeriod.every(ClusterJob.RATE_EXPIRY, now, EXPIRY_EVERY);
        if (period.equals(expiryAsked)) {
            return;
        }
        expiryAsked = period;
        jobs.once(period, () -> {
            try {
                tables.expire(first, now);
                return true;
            } catch (SQLException e) {
                LOG.warning(() -> "expired rate counts not deleted, tried again at the next flush: " + e);
                expiryAsked = null;
                return false;
            }
        });
    }

    private void alert(Map<RateKey, Long> sums, Map<String, List<Long>> history, Instant now) {
        List<RateAlert> due = AlertRules.due(sums, counts::thresholdsOf,
                this::rateLimit, application -> history.getOrDefault(application, List.of()));
        Instant since = now.minus(settings.window().length());
        for (RateAlert alert : due) {
            try {
                if (alerts.raise(alert, settings.operationsAddress(), now, since)) {
                    metrics.rateAlert(alert.level().key());
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "rate alert about " + alert.key().subject() + " not sent, tried again at the next flush: " + e);
            }
        }
    }

    private Optional<Integer> rateLimit(String application) {
        try {
            return relayDirectory.current().applications().stream().filter(app -> app.name().equals(application))
                    .findFirst().map(SenderApplication::rateLimit);
        } catch (DirectoryUnavailableException e) {
            return Optional.empty();
        }
    }

    private static boolean anomalyCandidates(Map<RateKey, Long> sums) {
        return sums.entrySet().stream()
                .anyMatch(e -> e.getKey().kind() == RateKind.MESSAGES && e.getValue() >= HourlyAnomaly.MINIMUM_VOLUME);
    }

    /** The same clock hour one to four weeks ago. */
    private static List<Instant> sameHours(Instant now) {
        Instant hour = RateWindow.hourOf(now);
        return IntStream.rangeClosed(1, 4).mapToObj(weeks -> hour.minus(Duration.ofDays(7L * weeks))).toList();
    }

    @PreDestroy
    void flushLast() {
        Map<RateKey, Long> drained = counts.drain();
        if (drained.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            new RateTables(db).add(drained, settings.window().sliceOf(now), RateWindow.hourOf(now));
        } catch (SQLException e) {
            LOG.warning(() -> "rate counts of this node lost at shutdown: " + e);
        }
    }
}
