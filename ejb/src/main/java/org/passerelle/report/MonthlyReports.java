package org.passerelle.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.passerelle.audit.AuditLog;
import org.passerelle.cluster.ClusterJob;
import org.passerelle.cluster.ClusterJobs;
import org.passerelle.cluster.JobPeriod;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.dkim.DmarcFailures;
import org.passerelle.directory.Person;
import org.passerelle.directory.PersonDirectory;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.Requester;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SecurityList.Kind;
import org.passerelle.directory.SecurityList.Role;
import org.passerelle.directory.Visibility;
import org.passerelle.refusal.Refusal;
import org.passerelle.report.MonthlyReportBuilder.Registered;
import org.passerelle.settings.Setting;
import org.passerelle.smtp.Envelope;
import org.passerelle.smtp.MailAddress;
import org.passerelle.spool.HeldContent;
import org.passerelle.spool.QueueId;
import org.passerelle.spool.Spool;

/**
 * The monthly reports (docs/reports.md): made from the daily rollup, the directory and the applied
 * change requests on the first day of each month for the month before (once across the nodes: one
 * node claims the month's run, and a kept report is not made again), or on request; kept in {@code monthly_report}; read whole by the central
 * service, operations and auditors, and by managers and owners with their applications only;
 * mailed through Passerelle's own queue to an application's managers and owners. Audited.
 */
@Stateless
public class MonthlyReports {

    private static final Logger LOG = Logger.getLogger(MonthlyReports.class.getName());
    /** The author of the reports the schedule makes. */
    static final String SCHEDULE = "schedule";

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @EJB
    private TrafficRollup rollup;

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private Visibility visibility;

    @EJB
    private SecurityList securityList;

    @EJB
    private PersonDirectory people;

    @EJB
    private Spool spool;

    @EJB
    private AuditLog audit;

    @EJB
    private DmarcFailures dmarcFailures;

    @EJB
    private ClusterJobs jobs;

    @Resource
    private SessionContext context;

    private final Clock clock = Clock.systemDefaultZone();

    /**
     * The reports of the month before, for all sites and for each site that had traffic, made by one
     * node ({@link ClusterJobs}). Tried every hour of the first day, so that a node down at midnight
     * or a directory out for a while delays the report, nothing more.
     */
    @Schedule(dayOfMonth = "1", hour = "*", minute = "7", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void monthly() {
        YearMonth month = YearMonth.now(clock).minusMonths(1);
        MonthlyReports self = context.getBusinessObject(MonthlyReports.class);
        jobs.once(JobPeriod.month(ClusterJob.MONTHLY_REPORTS, month), () -> self.makeScheduled(month));
    }

    /**
     * The schedule's reports of that month, in a transaction that commits before the period is
     * marked finished; those already kept are left as they are.
     *
     * @return whether every report is kept (false: tried again within the hour)
     */
    public boolean makeScheduled(YearMonth month) {
        try (Connection db = dataSource.getConnection()) {
            ReportTable reports = new ReportTable(db);
            List<String> sites = new ArrayList<>();
            sites.add(MonthlyReport.ALL_SITES);
            sites.addAll(new RollupTable(db).sitesOf(month));
            for (String site : sites) {
                if (!reports.exists(month, site)) {
                    MonthlyReport report = build(db, month, site);
                    if (reports.insertIfAbsent(report, SCHEDULE)) {
                        audit.record(SCHEDULE, "report.generate", month + "/" + site, null, report.total() + " messages");
                        LOG.info(() -> "monthly report " + month + " of " + site + " made: " + report.total() + " messages");
                    }
                }
            }
            return true;
        } catch (SQLException | DirectoryUnavailableException e) {
            LOG.warning(() -> "monthly report of " + month + " not made, tried again within the hour: " + e);
            return false;
        }
    }

    /** Makes the report of a month and site now, in place of the one kept: central service and operations. */
    public MonthlyReport generate(Requester requester, YearMonth month, String site) {
        if (!requester.is(Requester.Role.CENTRAL) && !requester.is(Requester.Role.OPERATIONS)) {
            throw new Refusal(Refusal.Reason.FORBIDDEN, "only the central service and operations make reports");
        }
        if (month.isAfter(YearMonth.now(clock))) {
            throw Refusal.invalid("month", "a report is of a past or the current month, not " + month);
        }
        rollup.flush();
        try (Connection db = dataSource.getConnection()) {
            MonthlyReport report = build(db, month, site);
            new ReportTable(db).replace(report, requester.login());
            audit.record(requester.login(), "report.generate", month + "/" + site, null, report.total() + " messages");
            return report;
        } catch (SQLException e) {
            throw new IllegalStateException("making the report of " + month + " failed", e);
        }
    }

    /** The kept reports, newest first. Every login may list them; what each sees in one is {@link #read}'s business. */
    public List<StoredReport> list() {
        try (Connection db = dataSource.getConnection()) {
            return new ReportTable(db).list();
        } catch (SQLException e) {
            throw new IllegalStateException("listing the reports failed", e);
        }
    }

    /** A kept report as the requester may see it: whole, or with only the applications they manage or own. */
    public MonthlyReport read(Requester requester, YearMonth month, String site) {
        MonthlyReport report = kept(month, site);
        return requester.seesEverything() ? report : report.restrictedTo(visibility.of(requester.login()).applications());
    }

    /**
     * Mails the report, with only this application, to the application's managers and owners
     * through Passerelle's own queue: the central service, or an owner of the application (or of its
     * entity), may ask.
     */
    public QueueId mail(Requester requester, YearMonth month, String site, String application) {
        if (application == null || application.isBlank()) {
            throw Refusal.invalid("application", "the application whose managers and owners get the report");
        }
        if (!requester.is(Requester.Role.CENTRAL) && !securityList.mayChangeManagers(requester.login(), application)) {
            throw new Refusal(Refusal.Reason.FORBIDDEN, "only the central service and the owners of " + application + " mail its report");
        }
        MonthlyReport report = kept(month, site).restrictedTo(Set.of(application));
        if (report.applications().isEmpty()) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "the report " + month + " of " + site + " has no application " + application);
        }
        if (!securityList.exists(Kind.APPLICATION, application)) {
            throw new Refusal(Refusal.Reason.CONFLICT, application + " is no longer in the directory: it has no managers or owners to mail");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (Role role : List.of(Role.MANAGER, Role.OWNER)) {
            for (String login : securityList.holders(Kind.APPLICATION, application, role)) {
                people.find(login).map(Person::addresses).filter(list -> !list.isEmpty()).ifPresent(list -> addresses.add(list.get(0)));
            }
        }
        if (addresses.isEmpty()) {
            throw new Refusal(Refusal.Reason.CONFLICT, "no manager or owner of " + application + " has a mail address");
        }
        List<MailAddress> recipients = addresses.stream().map(MailAddress::parse).toList();
        MailAddress from = MailAddress.parse(Setting.text("psl.central-service-address"));
        byte[] message = ReportMail.write(report, application, requester.login(), from, recipients, clock.instant(),
                Setting.text("psl.hostname"));
        QueueId id = spool.submit(new Envelope(from, recipients, Map.of()), new HeldContent(message));
        audit.record(requester.login(), "report.mail", month + "/" + site + "/" + application, null, "to " + addresses + " as " + id);
        LOG.info(() -> "monthly report " + month + " of " + site + " about " + application + " mailed as " + id + " to " + recipients);
        return id;
    }

    private MonthlyReport kept(YearMonth month, String site) {
        try (Connection db = dataSource.getConnection()) {
            Optional<MonthlyReport> report = new ReportTable(db).find(month, site);
            return report.orElseThrow(() -> new Refusal(Refusal.Reason.NOT_FOUND, "no report of " + month + " for " + site));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the report of " + month + " failed", e);
        }
    }

    private MonthlyReport build(Connection db, YearMonth month, String site) throws SQLException {
        List<YearMonth> months = MonthlyReportBuilder.months(month);
        Map<String, Map<YearMonth, Long>> traffic = new RollupTable(db).acceptedPerMonth(months.get(0), month,
                MonthlyReport.ALL_SITES.equals(site) ? Optional.empty() : Optional.of(site));
        List<Registered> registered = relayDirectory.current().applications().stream()
                .map(app -> new Registered(app.name(), app.entity(), app.gateways())).toList();
        ZoneId zone = clock.getZone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant until = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return MonthlyReportBuilder.build(month, site, clock.instant(), traffic, registered, new ReportTable(db).appliedChanges(from, until))
                .withDmarcFailures(dmarcFailures.between(from, until));
    }
}
