package org.passerelle.hygiene;

import java.time.Duration;
import java.util.logging.Logger;

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

/** Writes the applications' last uses ({@link LastUse}) every {@code PSL_LAST_USE_FLUSH_SECONDS}, and at shutdown. */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LastUseFlush {

    private static final Logger LOG = Logger.getLogger(LastUseFlush.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    private LastUse lastUse;

    @PostConstruct
    void start() {
        // at least a second: a timer of no interval would flush without end
        Duration every = Duration.ofSeconds(Math.max(1, Setting.integer("psl.last-use.flush-seconds")));
        LOG.fine(() -> "last uses of the applications written every " + every.toSeconds() + " s");
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    public void flush() {
        lastUse.flush();
    }

    @PreDestroy
    void flushLast() {
        lastUse.flush();
    }
}
