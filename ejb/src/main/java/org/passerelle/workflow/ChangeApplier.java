package org.passerelle.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.passerelle.directory.CheckResult;
import org.passerelle.directory.DirectoryUnavailableException;
import org.passerelle.directory.NetworkLimits;
import org.passerelle.refusal.Refusal.Reason;
import org.passerelle.refusal.Refusal;

/**
 * Applies one validated change request, in a transaction of its own: checks again against the
 * directory as it is now, records the transition (history, audit, notice), and writes the
 * directory last, in one LDAP operation audited as every directory write is, since that is the
 * one step no rollback can undo. Any failure rolls back the records and is returned, for the
 * caller to store with the request.
 */
@Stateless
public class ChangeApplier {

    private static final Logger LOG = Logger.getLogger(ChangeApplier.class.getName());

    @PersistenceContext(unitName = "passerelle")
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private DirectoryFactsReader directoryFacts;

    @EJB
    private ApplicationEntryWriter writer;

    @EJB
    private TransitionRecords records;

    @EJB
    private OnboardingWarnings onboardingWarnings;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param version the version of the request the caller checked
     * @return why the change was not applied, or empty when the directory has it
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<String> apply(long id, int version, String actor, String comment) {
        // The flush before the directory write locks the row and checks its version: of two
        // concurrent applies of one request, only one reaches the directory.
        ChangeRequest request = em.find(ChangeRequest.class, id);
        if (request.getVersion() != version) {
            throw new ChangeRequestRefused(Reason.STALE, "change request " + id + " changed while being applied");
        }
        RequestedChange change = request.change();
        try {
            DirectoryFacts facts = directoryFacts.now();
            List<CheckResult> results = new ArrayList<>(new TechnicalChecks(NetworkLimits.fromServer()).check(change, facts));
            if (!TechnicalChecks.allPassed(results)) {
                context.setRollbackOnly();
                return Optional.of("the checks failed against the directory as it is now: " + ChangeRequests.failed(results));
            }
            // the DNS may have been set right (or broken) since the submission: the request keeps what is true now
            results.addAll(onboardingWarnings.check(change, facts));
            request.checked(results);
            request.moveTo(ChangeState.APPLIED, actor, clock.instant(), comment);
            records.record(request, ChangeState.VALIDATED, actor);
            em.flush();
            writer.write(change, actor);
            return Optional.empty();
        } catch (RuntimeException e) {
            context.setRollbackOnly();
            return Optional.of(reason(id, e));
        }
    }

    /** Why, as the request keeps it and shows it to people: never the directory's internals. */
    private static String reason(long id, RuntimeException e) {
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        LOG.warning("change request " + id + " not applied: " + cause);
        if (cause instanceof DirectoryUnavailableException unavailable) {
            return unavailable.publicMessage();
        }
        return cause instanceof Refusal ? cause.getMessage() : "an unexpected error, logged by the server";
    }
}
