package org.passerelle.hygiene;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
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

import org.passerelle.settings.Setting;

/**
 * Runs the hygiene reminders every {@code PSL_HYGIENE_CHECK_SECONDS} (an hour by default): the last
 * uses are written first, then {@link HygieneRun} mails what is due under a lock that lets one node
 * at a time do it. Running often costs nothing: what was mailed is recorded and not mailed again.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HygieneSchedule {

    private static final Logger LOG = Logger.getLogger(HygieneSchedule.class.getName());

    @Resource
    private TimerService timers;

    @EJB
    private HygieneRun run;

    @Inject
    private LastUse lastUse;

    private final Clock clock = Clock.systemDefaultZone();

    @PostConstruct
    void start() {
        long every = Math.max(1, Setting.integer("psl.hygiene.check-seconds")) * 1000L;
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    @Timeout
    public void check() {
        try {
            runNow(Optional.empty());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the hygiene reminders' run failed; the next one tries again", e);
        }
    }

    /**
     * @param only the one application to look at, or every one when empty
     * @return the reminders mailed; empty when another node was running them
     */
    public Optional<List<Reminder>> runNow(Optional<String> only) {
        lastUse.flush();
        return run.run(HygieneSettings.fromServer(), clock.instant(), java.time.LocalDate.now(clock), only);
    }
}
