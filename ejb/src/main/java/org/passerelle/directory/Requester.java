package org.passerelle.directory;

import java.util.Set;

/**
 * Who asks for something: the login of a person or service account, and the roles the directory's
 * role groups give it. Being a manager or owner is not a role here: it depends on the application,
 * so the security list answers it.
 */
public record Requester(String login, Set<Role> roles) {

    /** The roles held through a group under {@code ou=groups}, named like the group. */
    public enum Role {
        CENTRAL, OPERATIONS, AUDITOR
    }

    public Requester {
        roles = Set.copyOf(roles);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }
}
