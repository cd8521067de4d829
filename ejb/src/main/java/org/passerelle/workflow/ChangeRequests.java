package org.passerelle.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.passerelle.directory.ApplicationChecks;
import org.passerelle.directory.CheckResult;
import org.passerelle.directory.NetworkLimits;
import org.passerelle.directory.Requester;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SenderApplication;
import org.passerelle.refusal.Refusal.Reason;

/**
 * The change-request workflow: submission (with its technical checks), validation and rejection
 * by the central service, withdrawal by the author, and application to the directory. Every
 * transition is kept in the request's history, written to the audit log and mailed to the people
 * concerned, in the transaction that makes it.
 */
@Stateless
public class ChangeRequests {

    private static final int COMMENT_LIMIT = 2000;

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @EJB
    private DirectoryFactsReader directoryFacts;

    @EJB
    private SubmissionRights submissionRights;

    @EJB
    private SecurityList securityList;

    @EJB
    private ChangeApplier applier;

    @EJB
    private OnboardingWarnings onboardingWarnings;

    @EJB
    private TransitionRecords records;

    private final Clock clock = Clock.systemUTC();

    public ChangeRequest submit(Requester requester, RequestedChange change, String comment) {
        change.validate();
        limitComment(comment);
        DirectoryFacts facts = directoryFacts.now();
        submissionRights.check(requester, change, facts);
        String entity = change.kind().namesEntity()
                ? change.entity()
                : facts.application(change.application()).map(SenderApplication::entity).orElse(null);
        List<CheckResult> results = new ArrayList<>(new TechnicalChecks(NetworkLimits.fromServer()).check(change, facts));
        results.addAll(onboardingWarnings.check(change, facts));
        ChangeRequest request = new ChangeRequest(change, entity, requester.login(), clock.instant(), comment, results);
        em.persist(request);
        em.flush();
        records.record(request, null, requester.login());
        return request;
    }

    /**
     * The technical checks a submission of this change would run now, without submitting it: the
     * console shows them while the form is filled in. The DNS warnings are left out: they ask
     * servers that may be slow, and are run on submission. Refuses as {@link #submit} does an incomplete
     * change, or one the requester may not ask for.
     */
    public List<CheckResult> preview(Requester requester, RequestedChange change) {
        change.validate();
        DirectoryFacts facts = directoryFacts.now();
        submissionRights.check(requester, change, facts);
        return new TechnicalChecks(NetworkLimits.fromServer()).check(change, facts);
    }

    /**
     * Submits the change only if every technical check passes now; otherwise refuses it
     * ({@code INVALID}), naming the field of the first failed check and saying what it found. The
     * console's form submits this way: a person sees the checks before sending, so a request that
     * fails them is a mistake to correct, not one for the central service to reject.
     */
    public ChangeRequest submitIfChecksPass(Requester requester, RequestedChange change, String comment) {
        List<CheckResult> results = preview(requester, change);
        results.stream().filter(check -> !check.passed()).findFirst().ifPresent(failed -> {
            throw ChangeRequestRefused.invalid(fieldChecked(failed.name()), failed.message());
        });
        return submit(requester, change, comment);
    }

    /**
     * The form field a technical check is about, from its name: the workflow's own checks here, an
     * application's values as {@link ApplicationChecks} says.
     */
    static String fieldChecked(String check) {
        if (check.startsWith("gateways")) {
            return "gateways";
        }
        if (check.startsWith("managers")) {
            return "managers";
        }
        if (check.startsWith("entity")) {
            return "entity";
        }
        return check.startsWith("application") ? "application" : ApplicationChecks.fieldOf(check);
    }

    /** @throws ChangeRequestRefused ({@code NOT_FOUND}) when there is none, or none the requester may see */
    public ChangeRequest find(Requester requester, long id) {
        ChangeRequest request = em.find(ChangeRequest.class, id);
        if (request == null || !visible(requester, request)) {
            throw new ChangeRequestRefused(Reason.NOT_FOUND, "no change request " + id);
        }
        return request;
    }

    /** The requests the filter selects among those the requester may see, newest first, a page at a time. */
    public List<ChangeRequest> list(Requester requester, ChangeRequestFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<ChangeRequest> select = cb.createQuery(ChangeRequest.class);
        Root<ChangeRequest> request = select.from(ChangeRequest.class);
        select.where(selected(cb, request, requester, filter)).orderBy(cb.desc(request.get("id")));
        return em.createQuery(select).setFirstResult(filter.offset()).setMaxResults(filter.limit()).getResultList();
    }

    /** How many requests the filter selects among those the requester may see, all pages together. */
    public long count(Requester requester, ChangeRequestFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> select = cb.createQuery(Long.class);
        Root<ChangeRequest> request = select.from(ChangeRequest.class);
        select.select(cb.count(request)).where(selected(cb, request, requester, filter));
        return em.createQuery(select).getSingleResult();
    }

    private Predicate[] selected(CriteriaBuilder cb, Root<ChangeRequest> request, Requester requester, ChangeRequestFilter filter) {
        List<Predicate> where = new ArrayList<>();
        if (filter.state() != null) {
            where.add(cb.equal(request.get("state"), filter.state()));
        }
        if (filter.application() != null) {
            where.add(cb.equal(request.get("application"), filter.application()));
        }
        if (filter.author() != null) {
            where.add(cb.equal(request.get("author"), filter.author()));
        }
        if (!requester.seesEverything()) {
            SecurityList.Holdings holdings = securityList.heldBy(requester.login());
            List<Predicate> own = new ArrayList<>(List.of(cb.equal(request.get("author"), requester.login())));
            if (!holdings.applications().isEmpty()) {
                own.add(request.get("application").in(holdings.applications()));
            }
            if (!holdings.entities().isEmpty()) {
                own.add(request.get("entity").in(holdings.entities()));
            }
            where.add(cb.or(own.toArray(Predicate[]::new)));
        }
        return where.toArray(Predicate[]::new);
    }

    /** @param expectedVersion the version the requester saw, or {@code null} to take the current one */
    public ChangeRequest validate(Requester requester, long id, String comment, Integer expectedVersion) {
        requireCentral(requester, "validates");
        requireComment(comment);
        ChangeRequest request = current(requester, id, expectedVersion);
        if (request.getState().mayBecome(ChangeState.VALIDATED) && !TechnicalChecks.allPassed(request.getChecks())) {
            throw new ChangeRequestRefused(Reason.CONFLICT, "change request " + id + " failed its technical checks: "
                    + "it can only be rejected (" + failed(request.getChecks()) + ")");
        }
        return moveTo(request, ChangeState.VALIDATED, requester, comment);
    }

    public ChangeRequest reject(Requester requester, long id, String comment, Integer expectedVersion) {
        requireCentral(requester, "rejects");
        requireComment(comment);
        return moveTo(current(requester, id, expectedVersion), ChangeState.REJECTED, requester, comment);
    }

    public ChangeRequest withdraw(Requester requester, long id, String comment, Integer expectedVersion) {
        ChangeRequest request = current(requester, id, expectedVersion);
        if (!request.getAuthor().equalsIgnoreCase(requester.login())) {
            throw new ChangeRequestRefused(Reason.FORBIDDEN, "only its author, " + request.getAuthor() + ", withdraws change request " + id);
        }
        return moveTo(request, ChangeState.WITHDRAWN, requester, comment);
    }

    /**
     * Writes the validated change into the directory, after running the checks again. When that
     * fails, the directory is as it was and the request stays validated with the error, which is
     * stored with it and thrown ({@code NOT_APPLIED}).
     */
    public ChangeRequest apply(Requester requester, long id, String comment, Integer expectedVersion) {
        requireCentral(requester, "applies");
        limitComment(comment);
        ChangeRequest request = current(requester, id, expectedVersion);
        if (!request.getState().mayBecome(ChangeState.APPLIED)) {
            throw new ChangeRequestRefused(Reason.CONFLICT, "change request " + id + " is " + request.getState().label()
                    + ": only a validated request is applied");
        }
        Optional<String> failure = applier.apply(id, request.getVersion(), requester.login(), comment);
        em.refresh(request);
        if (failure.isPresent()) {
            request.failedToApply(failure.get());
            records.applyFailed(request, requester.login(), failure.get());
            throw new ChangeRequestRefused(Reason.NOT_APPLIED, "change request " + id + " was not applied and stays validated: "
                    + failure.get());
        }
        return request;
    }

    static String failed(List<CheckResult> results) {
        return String.join("; ", results.stream().filter(check -> !check.passed()).map(CheckResult::toString).toList());
    }

    private ChangeRequest moveTo(ChangeRequest request, ChangeState next, Requester requester, String comment) {
        limitComment(comment);
        ChangeState before = request.getState();
        request.moveTo(next, requester.login(), clock.instant(), comment);
        records.record(request, before, requester.login());
        return request;
    }

    private ChangeRequest current(Requester requester, long id, Integer expectedVersion) {
        ChangeRequest request = find(requester, id);
        if (expectedVersion != null && expectedVersion != request.getVersion()) {
            throw new ChangeRequestRefused(Reason.STALE, "change request " + id + " has changed since version " + expectedVersion
                    + " (now " + request.getVersion() + ")");
        }
        return request;
    }

    private boolean visible(Requester requester, ChangeRequest request) {
        if (requester.seesEverything() || request.getAuthor().equalsIgnoreCase(requester.login())) {
            return true;
        }
        SecurityList.Holdings holdings = securityList.heldBy(requester.login());
        return holdings.applications().contains(request.getApplication()) || holdings.entities().contains(request.getEntity());
    }

    private static void requireCentral(Requester requester, String what) {
        if (!requester.is(Requester.Role.CENTRAL)) {
            throw new ChangeRequestRefused(Reason.FORBIDDEN, "only the central service " + what + " change requests");
        }
    }

    private static void limitComment(String comment) {
        if (comment != null && comment.length() > COMMENT_LIMIT) {
            throw ChangeRequestRefused.invalid("comment", "a comment has at most " + COMMENT_LIMIT + " characters");
        }
    }

    private static void requireComment(String comment) {
        if (comment == null || comment.isBlank()) {
            throw ChangeRequestRefused.invalid("comment", "the central service says why, in a comment");
        }
    }
}
