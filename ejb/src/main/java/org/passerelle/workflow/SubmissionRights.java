package org.passerelle.workflow;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.passerelle.directory.Requester;
import org.passerelle.directory.SecurityList;
import org.passerelle.refusal.Refusal.Reason;

/**
 * Who may submit what, from the security list: a manager or owner of the application (or of its
 * entity; for a new application, of the entity it will belong to) may ask for changes to it; only
 * an owner may change its managers, or an entity's. The central service may ask for anything.
 */
@Stateless
public class SubmissionRights {

    @EJB
    private SecurityList securityList;

    /**
     * @param facts the directory now, which says whether the application or entity exists (nobody
     *              but the central service can hold a role on one that does not)
     * @throws ChangeRequestRefused ({@code FORBIDDEN}) when the requester may not
     */
    public void check(Requester requester, RequestedChange change, DirectoryFacts facts) {
        if (requester.is(Requester.Role.CENTRAL)) {
            return;
        }
        String login = requester.login();
        boolean applicationExists = change.application() != null && facts.application(change.application()).isPresent();
        boolean entityExists = change.entity() != null && facts.entityExists().test(change.entity());
        boolean allowed = switch (change.kind()) {
            case ADD_APPLICATION -> entityExists && securityList.mayRequestChangesToEntity(login, change.entity());
            case MODIFY_APPLICATION, DELETE_APPLICATION -> applicationExists && securityList.mayRequestChanges(login, change.application());
            case APPLICATION_MANAGERS -> applicationExists && securityList.mayChangeManagers(login, change.application());
            case ENTITY_MANAGERS -> entityExists && securityList.mayChangeEntityManagers(login, change.entity());
        };
        if (!allowed) {
            String of = change.kind() == ChangeKind.ADD_APPLICATION ? "entity " + change.entity() : change.target();
            throw new ChangeRequestRefused(Reason.FORBIDDEN, change.kind().changesManagers()
                    ? login + " is not an owner of " + of + ": only owners change its managers"
                    : login + " is not a manager or owner of " + of);
        }
    }
}
