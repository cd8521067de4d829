package org.passerelle.directory;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who asks for something: the login of a person or service account, and the roles the directory's
 * role groups give it. Being a manager or owner is not a role here: it depends on the application,
 * so the security list answers it. The API and the console both build it with {@link #of} and ask
 * it the same questions.
 */
public record Requester(String login, Set<Role> roles) {

    /** The roles held through a group under {@code ou=groups}, named like the group. */
    public enum Role {
        CENTRAL, OPERATIONS, AUDITOR;

        /** The container role name: the group's {@code cn}. */
        public String containerName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Requester {
        roles = Set.copyOf(roles);
    }

    /** The authenticated login and the roles the container says it holds. */
    public static Requester of(String login, Predicate<String> inContainerRole) {
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (inContainerRole.test(role.containerName())) {
                held.add(role);
            }
        }
        return new Requester(login, held);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Central, operations and auditors see every application, message and request; the others what the security list gives them. */
    public boolean seesEverything() {
        return !roles.isEmpty();
    }

    /** Whether the requester may act on the queue (retry, hold, release, bounce, delete, pause): operations and central. */
    public boolean operatesQueue() {
        return is(Role.OPERATIONS) || is(Role.CENTRAL);
    }
}
