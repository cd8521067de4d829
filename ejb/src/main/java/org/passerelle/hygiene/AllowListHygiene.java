package org.passerelle.hygiene;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.passerelle.audit.AuditLog;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.Requester;
import org.passerelle.directory.SenderApplication;
import org.passerelle.directory.Visibility;
import org.passerelle.refusal.Refusal;

/**
 * What the API and the console show of the allow-lists' hygiene: the last uses per application and
 * network, the stale applications and networks with the link of their removal request, and the
 * reminders run on request. Central, operations and auditors see every application; managers and
 * owners theirs (the security list); only the central service runs the reminders now.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AllowListHygiene {

    /** A stale application or some of its networks, and the prefilled request that removes them. */
    public record StaleEntry(StaleFinding finding, String removalLink) {
    }

    @Resource(lookup = "java:jboss/datasources/PasserelleDS")
    private DataSource dataSource;

    @Inject
    private LastUse lastUse;

    @EJB
    private RelayDirectory relayDirectory;

    @EJB
    private Visibility visibility;

    @EJB
    private HygieneSchedule schedule;

    @EJB
    private AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    /** Every application's last use per network, the times noted in memory written first. */
    public Map<String, Map<String, Instant>> lastUses() {
        lastUse.flush();
        try (Connection db = dataSource.getConnection()) {
            return new UseTable(db).all();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the applications' last uses failed", e);
        }
    }

    /** The stale applications and networks the requester may see, by application name. */
    public List<StaleEntry> stale(Requester requester) {
        Visibility.Scope scope = visibility.readable(requester, EntryKind.APPLICATION).orElseThrow();
        HygieneSettings settings = HygieneSettings.fromServer();
        Staleness staleness = new Staleness(settings.staleDays());
        RequestLink links = new RequestLink(settings.console());
        Map<String, Map<String, Instant>> uses = lastUses();
        Instant now = clock.instant();
        List<StaleEntry> stale = new ArrayList<>();
        for (SenderApplication application : relayDirectory.current().applications()) {
            if (scope.sees(EntryKind.APPLICATION, application.name())) {
                Optional<StaleFinding> found = staleness.of(application, uses.getOrDefault(application.name(), Map.of()), now);
                found.ifPresent(finding -> stale.add(new StaleEntry(finding, links.removal(finding))));
            }
        }
        stale.sort((a, b) -> a.finding().application().compareToIgnoreCase(b.finding().application()));
        return stale;
    }

    /**
     * Runs the reminders now rather than at the next check, for every application or one: the
     * central service; audited. What was mailed already is not mailed again.
     */
    public List<Reminder> remindNow(Requester requester, Optional<String> application) {
        if (!requester.is(Requester.Role.CENTRAL)) {
            throw new Refusal(Refusal.Reason.FORBIDDEN, "only the central service runs the hygiene reminders");
        }
        if (application.isPresent() && relayDirectory.current().applications().stream()
                .noneMatch(app -> app.name().equals(application.get()))) {
            throw Refusal.invalid("application", "no application " + application.get());
        }
        Optional<List<Reminder>> sent = schedule.runNow(application);
        if (sent.isEmpty()) {
            throw new Refusal(Refusal.Reason.CONFLICT, "another node is running the hygiene reminders now: try again in a moment");
        }
        audit.record(requester.login(), "hygiene.remind", application.orElse("applications"), null, sent.get().size() + " reminders mailed");
        return sent.get();
    }
}
