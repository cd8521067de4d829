package org.passerelle.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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

import org.passerelle.settings.Setting;

/**
 * This node's share of the daily rollup that the SMTP sessions fill: messages accepted and their
 * bytes, transactions refused, per application. Counted in memory ({@link NodeTraffic}: no database
 * round trip on the acceptance path) and added to {@code traffic_day} every
 * {@code PSL_REPORT_ROLLUP_FLUSH_SECONDS} and at shutdown; a node that crashes loses at most the
 * counts of that interval (the messages themselves are safe). Delivery outcomes are not counted
 * here: the delivery round writes them in its own transaction ({@link RollupBatch}).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrafficRollup {

    private static final Logger LOG = Logger.getLogger(TrafficRollup.class.getName());

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private TimerService timers;

    @Inject
    private NodeTraffic counts;

    @PostConstruct
    void start() {
        // at least a second: a timer of no interval would flush without end
        long every = Math.max(1, Setting.integer("psl.report.rollup-flush-seconds")) * 1000L;
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    /** Adds the counts to the rollup; kept in memory for the next time if that fails. */
    @Timeout
    public void flush() {
        Map<RollupKey, Long> drained = counts.drain();
        if (drained.isEmpty()) {
            return;
        }
        try (Connection db = dataSource.getConnection()) {
            new RollupTable(db).add(drained);
        } catch (SQLException | RuntimeException e) {
            counts.restore(drained);
            LOG.warning(() -> "traffic rollup not written, kept for the next time: " + e);
        }
    }

    @PreDestroy
    void flushLast() {
        flush();
    }
}
