package org.passerelle.incident;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

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

import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.directory.LdapDirectory;
import org.passerelle.settings.FatalConfiguration;
import org.passerelle.settings.Setting;

/**
 * Runs the monitors every {@code PSL_INCIDENT_MONITOR_SECONDS} (docs/incidents.md): looks at what
 * lies outside the database (the directory, the SMTP certificate, whether the database answers),
 * then has {@link MonitorPass} read the rest and raise and resolve incidents. One node runs each
 * period ({@link ClusterJobs}); the timers of all nodes fire on the same boundaries. The decisions
 * are the plain classes' ({@link MonitorRun} and one per monitor).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IncidentMonitors {

    private static final Logger LOG = Logger.getLogger(IncidentMonitors.class.getName());

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Resource
    private TimerService timers;

    @EJB
    private MonitorPass pass;

    @EJB
    private LdapDirectory directory;

    @EJB
    private ClusterJobs jobs;

    private final Clock clock = Clock.systemUTC();
    private final Reachability.DatabaseOutage databaseOutage = new Reachability.DatabaseOutage();
    private IncidentSettings settings;
    private PeriodicReading<X509Certificate> presented;

    @PostConstruct
    void start() {
        try {
            settings = IncidentSettings.fromServer();
        } catch (IllegalStateException e) {
            throw FatalConfiguration.stopServer(LOG, List.of("incident monitors not started: " + e.getMessage()));
        }
        presented = new PeriodicReading<>(settings.certificateReadEvery());
        long every = settings.monitorEvery().toMillis();
        LOG.info(() -> String.format("incident monitors every %d s: next hop failing %d min, queue age %d min, deliveries failing"
                        + " %d %% of %d or more in %d min, certificate %d days (read every %d min)", settings.monitorEvery().toSeconds(),
                settings.nextHopFailing().toMinutes(), settings.queueAge().toMinutes(), settings.failurePercent(),
                settings.failureMinimum(), settings.failureWindow().toMinutes(), settings.certificateDays(),
                settings.certificateReadEvery().toMinutes()));
        timers.createIntervalTimer(JobPeriod.untilBoundary(clock.instant(), settings.monitorEvery()).toMillis(), every,
                new TimerConfig(null, false));
    }

    @Timeout
    public void run() {
        Instant now = clock.instant();
        // every node looks whether the database answers: the outage it saw is recorded when it next runs the monitors
        if (!databaseAnswers(now)) {
            return;
        }
        jobs.once(JobPeriod.every(ClusterJob.INCIDENT_MONITORS, now, settings.monitorEvery()), () -> {
            monitor(now);
            return true;
        });
    }

    private void monitor(Instant now) {
        List<MonitorCondition> seen = new ArrayList<>();
        Set<Monitor> looked = EnumSet.of(Monitor.DIRECTORY);
        Reachability.directory(directoryFailure()).ifPresent(seen::add);
        certificate(now).ifPresent(found -> {
            looked.add(Monitor.CERTIFICATE);
            found.ifPresent(seen::add);
        });
        try {
            Optional<MonitorCondition> outage = databaseOutage.answered(now);
            Optional<List<Incident>> changed = pass.run(new MonitorPass.Outside(seen, looked, outage), settings, now);
            if (changed.isPresent() && outage.isPresent()) {
                databaseOutage.recorded();
            }
            changed.ifPresent(incidents -> incidents.forEach(incident -> LOG.info(() -> "incident " + incident.getId() + " "
                    + incident.getState().label() + " by the monitors: " + incident.getTitle())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the incident monitors' run failed; the next one tries again", e);
        }
    }

    private boolean databaseAnswers(Instant now) {
        try (Connection db = dataSource.getConnection()) {
            if (db.isValid(5)) {
                return true;
            }
            databaseOutage.failed(now, "the connection was not valid");
        } catch (SQLException e) {
            databaseOutage.failed(now, e.getMessage());
        }
        LOG.severe("incident monitor: the database does not answer; the outage is recorded as an incident once it does");
        return false;
    }

    private Optional<String> directoryFailure() {
        try {
            directory.lookup(directory.settings().baseDn(), "1.1");
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Empty when the listener could not be reached (nothing to judge); else what the certificate calls for. */
    private Optional<Optional<MonitorCondition>> certificate(Instant now) {
        String host = SmtpCertificate.host(Setting.text("psl.smtp.bind-address"));
        int port = Setting.integer("psl.smtp.submissions-port");
        try {
            X509Certificate certificate = presented.at(now, () -> SmtpCertificate.presented(host, port));
            return Optional.of(CertificateExpiry.expiring(certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant(),
                    now, settings.certificateDays()));
        } catch (IOException e) {
            LOG.fine(() -> "incident monitor: no certificate read from " + host + ":" + port + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
