package org.passerelle.greylist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.settings.FatalConfiguration;

/**
 * The greylisting settings, read and checked at start: a value out of range is named in the log and
 * stops the server ({@link FatalConfiguration}). Also deletes the expired greylist rows every five minutes, in batches,
 * on one node each time ({@link ClusterJobs}).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GreylistConfiguration {

    private static final Logger LOG = Logger.getLogger(GreylistConfiguration.class.getName());
    private static final int EXPIRY_BATCH = 1000;
    private static final Duration EXPIRY_EVERY = Duration.ofMinutes(5);

    @EJB
    private GreylistStore store;

    @EJB
    private ClusterJobs jobs;

    private final Clock clock = Clock.systemUTC();
    private volatile GreylistSettings settings;

    @PostConstruct
    void read() {
        try {
            settings = GreylistSettings.read(System::getProperty);
        } catch (IllegalArgumentException e) {
            throw FatalConfiguration.stopServer(LOG, List.of(e.getMessage()));
        }
        LOG.info(() -> settings.enabled()
                ? String.format("greylisting unregistered clients of the relay listener: delay %d s, pending %d s, confirmed %d s,"
                        + " auto-allow after %d passes, networks /%d and /%d", settings.delay().toSeconds(),
                        settings.pendingLifetime().toSeconds(), settings.confirmedLifetime().toSeconds(), settings.autoAllowPasses(),
                        settings.ipv4Prefix(), settings.ipv6Prefix())
                : "greylisting off (PSL_GREYLIST_ENABLED=false)");
    }

    public GreylistSettings settings() {
        return settings;
    }

    /** Deletes expired triplets and networks, a batch at a time, until none is left. */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    public void expire() {
        jobs.once(JobPeriod.every(ClusterJob.GREYLIST_EXPIRY, clock.instant(), EXPIRY_EVERY), () -> {
            expireNow();
            return true;
        });
    }

    private void expireNow() {
        GreylistRules rules = new GreylistRules(settings);
        try {
            int gone;
            int total = 0;
            do {
                Instant now = clock.instant();
                gone = store.expire(rules.pendingCutoff(now), rules.confirmedCutoff(now), EXPIRY_BATCH);
                total += gone;
            } while (gone > 0);
            int expired = total;
            if (expired > 0) {
                LOG.fine(() -> "greylist: " + expired + " expired entries deleted");
            }
        } catch (GreylistUnavailableException e) {
            LOG.warning(() -> "greylist expiry postponed: " + e.getMessage());
        }
    }
}
