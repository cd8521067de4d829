package org.passerelle.directory;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * What a caller may see of the applications and entities: everything for the central service,
 * operations and auditors; for everyone else, the entities they manage or own and the
 * applications they manage or own, directly or through their entity.
 */
@Stateless
public class Visibility {

    @EJB
    private SecurityList securityList;

    @EJB
    private RelayDirectory relayDirectory;

    /** The applications and entities someone may see. */
    public record Scope(boolean everything, Set<String> applications, Set<String> entities) {

        public static final Scope EVERYTHING = new Scope(true, Set.of(), Set.of());

        public Scope {
            applications = Set.copyOf(applications);
            entities = Set.copyOf(entities);
        }

        public boolean sees(EntryKind kind, String name) {
            return everything || switch (kind) {
                case APPLICATION -> applications.contains(name);
                case ENTITY -> entities.contains(name);
                default -> false;
            };
        }
    }

    /**
     * What the caller may read of entries of this kind: every role (central, operations, auditor)
     * reads everything; a manager or owner reads the applications and entities the security list
     * gives them, and nothing of the other kinds (empty: refused).
     */
    public Optional<Scope> readable(Requester caller, EntryKind kind) {
        if (caller.seesEverything()) {
            return Optional.of(Scope.EVERYTHING);
        }
        return kind.onSecurityList() ? Optional.of(of(caller.login())) : Optional.empty();
    }

    /** The scope of a caller who sees only what the security list gives them. */
    public Scope of(String login) {
        SecurityList.Holdings held = securityList.heldBy(login);
        Set<String> applications = new HashSet<>(held.applications());
        relayDirectory.current().applications().stream()
                .filter(application -> application.entity() != null && held.entities().contains(application.entity()))
                .forEach(application -> applications.add(application.name()));
        return new Scope(false, applications, held.entities());
    }
}
