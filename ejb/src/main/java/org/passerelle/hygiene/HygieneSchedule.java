package org.passerelle.hygiene;

import java.time.Clock;
import java.time.Duration;
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

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.settings.Setting;

/**
 * Runs the hygiene reminders every {@code PSL_HYGIENE_CHECK_SECONDS} (an hour by default): this
 * node's last uses are written first (on every node), then one node runs the period
 * ({@link ClusterJobs}) and {@link HygieneRun} mails what is due, under the job's lock (a run on
 * request may be going on). Running often costs nothing: what was mailed is recorded and not mailed again.
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

    @EJB
    private ClusterJobs jobs;

    @Inject
    private LastUse lastUse;

    private final Clock clock = Clock.systemDefaultZone();
    private Duration every;

    @PostConstruct
    void start() {
        every = Duration.ofSeconds(Math.max(1, Setting.integer("psl.hygiene.check-seconds")));
        timers.createIntervalTimer(JobPeriod.untilBoundary(clock.instant(), every).toMillis(), every.toMillis(), new TimerConfig(null, false));
    }

    @Timeout
    public void check() {
        try {
            lastUse.flush();
            jobs.once(JobPeriod.every(ClusterJob.HYGIENE, clock.instant(), every), () -> {
                remind(Optional.empty());
                return true;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the hygiene reminders' run failed; the next one tries again", e);
        }
    }

    /**
     * @param only the one application to look at, or every one when empty
     * @return the reminders mailed; empty when another run was going on
     */
    public Optional<List<Reminder>> runNow(Optional<String> only) {
        lastUse.flush();
        return remind(only);
    }

    private Optional<List<Reminder>> remind(Optional<String> only) {
        return run.run(HygieneSettings.fromServer(), clock.instant(), java.time.LocalDate.now(clock), only);
    }
}
