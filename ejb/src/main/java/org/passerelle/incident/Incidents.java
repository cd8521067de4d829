package org.passerelle.incident;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.passerelle.audit.AuditLog;
import org.passerelle.directory.Requester;
import org.passerelle.directory.SenderApplication;
import org.passerelle.directory.RelayDirectory;
import org.passerelle.directory.Visibility;

/**
 * The incident process (docs/incidents.md): intake by operations, by a manager or owner, or by a
 * monitor; diagnosis, assignment, moves through the states ({@link IncidentRules}) and comments.
 * Each step is kept in the incident's timeline, written to the audit log and, except comments,
 * mailed to the actors' lists ({@link IncidentNotices}), in the transaction that makes it. Managers
 * and owners see the incidents about their applications, and those they raised.
 */
@Stateless
public class Incidents {

    /** The actor of what the monitors do. */
    public static final String MONITOR_ACTOR = "passerelle";
    private static final int COMMENT_LIMIT = 2000;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    @EJB
    private IncidentNotices notices;

    @EJB
    private Visibility visibility;

    @EJB
    private RelayDirectory relayDirectory;

    private final Clock clock = Clock.systemUTC();

    /** A person raises an incident, about one of the applications they see or none. */
    public Incident raise(Requester requester, String title, String description, String application) {
        if (!IncidentRules.raises(requester)) {
            throw IncidentRefused.forbidden("an auditor reads incidents; operations, the central service, managers and owners raise them");
        }
        if (title == null || title.isBlank()) {
            throw IncidentRefused.invalid("title", "an incident has a title: what does not work");
        }
        limit("title", title, Incident.TITLE_LIMIT);
        limit("description", description, Incident.TEXT_LIMIT);
        String about = application == null || application.isBlank() ? null : application.trim();
        if (about != null && !knownApplication(about)) {
            throw IncidentRefused.invalid("application", "no sender application " + about);
        }
        if (!requester.seesEverything() && about != null && !visibility.of(requester.login()).applications().contains(about)) {
            throw IncidentRefused.forbidden(requester.login() + " is not on the security list of " + about);
        }
        Incident incident = new Incident(title.trim(), description, IncidentRules.intakeOf(requester), requester.login(),
                clock.instant(), about, null);
        em.persist(incident);
        em.flush();
        recorded(incident, "incident.raised", null);
        return incident;
    }

    /** @throws IncidentRefused ({@code NOT_FOUND}) when there is none, or none the requester may see */
    public Incident find(Requester requester, long id) {
        Incident incident = em.find(Incident.class, id);
        if (incident == null || !visible(requester, incident)) {
            throw IncidentRefused.notFound(id);
        }
        return incident;
    }

    public List<Incident> list(Requester requester, IncidentFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Incident> select = cb.createQuery(Incident.class);
        Root<Incident> incident = select.from(Incident.class);
        select.where(selected(cb, incident, requester, filter)).orderBy(cb.desc(incident.get("id")));
        return em.createQuery(select).setFirstResult(filter.offset()).setMaxResults(filter.limit()).getResultList();
    }

    public long count(Requester requester, IncidentFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> select = cb.createQuery(Long.class);
        Root<Incident> incident = select.from(Incident.class);
        select.select(cb.count(incident)).where(selected(cb, incident, requester, filter));
        return em.createQuery(select).getSingleResult();
    }

    public Incident move(Requester requester, long id, IncidentState next, String comment) {
        Incident incident = handled(requester, id, comment);
        if (next == null) {
            throw IncidentRefused.invalid("state", "choose the state to move incident " + id + " to");
        }
        IncidentState before = incident.getState();
        if (next.active() && incident.getMonitorKey() != null && !before.active()) {
            Long other = activeMonitorIncidents().get(incident.getMonitorKey());
            if (other != null) {
                throw IncidentRefused.conflict("state", "incident " + other + " is active about the same condition: reopen that one");
            }
        }
        incident.moveTo(next, requester.login(), clock.instant(), comment);
        recorded(incident, "incident." + next.label(), "state " + before.label());
        return incident;
    }

    public Incident diagnose(Requester requester, long id, Diagnosis diagnosis, String comment) {
        Incident incident = handled(requester, id, comment);
        String before = incident.diagnosis().map(Diagnosis::toString).orElse(null);
        incident.diagnose(diagnosis, requester.login(), clock.instant(), comment);
        recorded(incident, "incident.diagnosed", before);
        return incident;
    }

    /** @param assignee the person of the actor who works on it, if known */
    public Incident assign(Requester requester, long id, Actor actor, String assignee, String comment) {
        Incident incident = handled(requester, id, comment);
        if (actor == null) {
            throw IncidentRefused.invalid("actor", "the actor assigned: service-owner, operations, network-steering-cell,"
                    + " network-operator or hosting-provider");
        }
        limit("assignee", assignee, 255);
        String before = incident.getAssignedActor() == null ? null : incident.getAssignedActor().label();
        incident.assign(actor, assignee == null || assignee.isBlank() ? null : assignee.trim(), requester.login(), clock.instant(), comment);
        recorded(incident, "incident.assigned", before);
        return incident;
    }

    /** Anyone who sees an incident, except an auditor, adds to its timeline; comments are audited, not mailed. */
    public Incident comment(Requester requester, long id, String comment) {
        Incident incident = find(requester, id);
        if (!IncidentRules.raises(requester)) {
            throw IncidentRefused.forbidden("an auditor reads incidents and does not comment on them");
        }
        if (comment == null || comment.isBlank()) {
            throw IncidentRefused.invalid("comment", "a comment says something");
        }
        limit("comment", comment, COMMENT_LIMIT);
        incident.comment(requester.login(), clock.instant(), comment);
        audit.record(requester.login(), "incident.commented", target(incident), null, comment);
        return incident;
    }

    /** The active incidents the monitors raised, by their monitor key. */
    public Map<String, Long> activeMonitorIncidents() {
        Map<String, Long> active = new HashMap<>();
        em.createQuery("select i.monitorKey, i.id from Incident i where i.monitorKey is not null and i.state in :active", Object[].class)
                .setParameter("active", Set.of(IncidentState.OPEN, IncidentState.DIAGNOSED, IncidentState.IN_PROGRESS))
                .getResultList().forEach(row -> active.put((String) row[0], (Long) row[1]));
        return active;
    }

    /** Raises and resolves what a monitor run decided, in one transaction. */
    public List<Incident> apply(MonitorRun run) {
        List<Incident> changed = new ArrayList<>();
        for (MonitorCondition condition : run.raise()) {
            Incident incident = new Incident(condition.title(), condition.description(), Intake.MONITOR, MONITOR_ACTOR,
                    clock.instant(), condition.application(), condition.key());
            em.persist(incident);
            em.flush();
            recorded(incident, "incident.raised", null);
            changed.add(incident);
        }
        for (Long id : run.resolve()) {
            Incident incident = em.find(Incident.class, id);
            if (incident != null && incident.getState().active()) {
                IncidentState before = incident.getState();
                incident.moveTo(IncidentState.RESOLVED, MONITOR_ACTOR, clock.instant(), "the monitor no longer sees the condition");
                recorded(incident, "incident.resolved", "state " + before.label());
                changed.add(incident);
            }
        }
        return changed;
    }

    /**
     * Records an outage seen only once it was over (the database's: nothing could be written
     * during it): an incident raised and resolved at once, so that it is in the record and mailed.
     */
    public Incident recordPastOutage(MonitorCondition condition) {
        Incident incident = new Incident(condition.title(), condition.description(), Intake.MONITOR, MONITOR_ACTOR,
                clock.instant(), condition.application(), condition.key());
        em.persist(incident);
        em.flush();
        recorded(incident, "incident.raised", null);
        incident.moveTo(IncidentState.RESOLVED, MONITOR_ACTOR, clock.instant(), "over when it was recorded");
        recorded(incident, "incident.resolved", "state open");
        return incident;
    }

    private Incident handled(Requester requester, long id, String comment) {
        Incident incident = find(requester, id);
        if (!IncidentRules.handles(requester)) {
            throw IncidentRefused.forbidden("only operations and the central service diagnose, assign and move incidents on");
        }
        limit("comment", comment, COMMENT_LIMIT);
        return incident;
    }

    private void recorded(Incident incident, String action, String before) {
        List<IncidentEvent> timeline = incident.getTimeline();
        IncidentEvent last = timeline.get(timeline.size() - 1);
        audit.record(last.actor(), action, target(incident), before,
                "state " + incident.getState().label() + (last.text() == null ? "" : "; " + last.text()));
        notices.send(incident, IncidentSettings.fromServer());
    }

    private static String target(Incident incident) {
        String target = "incident " + incident.getId() + " (" + incident.getTitle() + ")";
        return target.length() <= 300 ? target : target.substring(0, 297) + "...";
    }

    private boolean knownApplication(String name) {
        return relayDirectory.current().applications().stream().map(SenderApplication::name).anyMatch(name::equals);
    }

    private boolean visible(Requester requester, Incident incident) {
        if (requester.seesEverything() || incident.getRaisedBy().equalsIgnoreCase(requester.login())) {
            return true;
        }
        return incident.getApplication() != null && visibility.of(requester.login()).applications().contains(incident.getApplication());
    }

    private Predicate[] selected(CriteriaBuilder cb, Root<Incident> incident, Requester requester, IncidentFilter filter) {
        List<Predicate> where = new ArrayList<>();
        if (filter.state() != null) {
            where.add(cb.equal(incident.get("state"), filter.state()));
        }
        if (filter.application() != null) {
            where.add(cb.equal(incident.get("application"), filter.application()));
        }
        if (!requester.seesEverything()) {
            Set<String> applications = visibility.of(requester.login()).applications();
            List<Predicate> own = new ArrayList<>(List.of(cb.equal(incident.get("raisedBy"), requester.login())));
            if (!applications.isEmpty()) {
                own.add(incident.get("application").in(applications));
            }
            where.add(cb.or(own.toArray(Predicate[]::new)));
        }
        return where.toArray(Predicate[]::new);
    }

    private static void limit(String field, String text, int limit) {
        if (text != null && text.length() > limit) {
            throw IncidentRefused.invalid(field, field + " has at most " + limit + " characters");
        }
    }
}
