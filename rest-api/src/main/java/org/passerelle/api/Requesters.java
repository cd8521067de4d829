package org.passerelle.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.SecurityContext;

import org.passerelle.workflow.Requester;

/** The requester behind an API call: the authenticated login and the roles the container gives it. */
final class Requesters {

    private Requesters() {
    }

    /** Without authentication, an anonymous requester with no role, whom the workflow refuses everything. */
    static Requester of(SecurityContext security) {
        if (security.getUserPrincipal() == null) {
            return new Requester("anonymous", Set.of());
        }
        Set<Requester.Role> roles = EnumSet.noneOf(Requester.Role.class);
        for (Requester.Role role : Requester.Role.values()) {
            if (security.isUserInRole(role.name().toLowerCase(Locale.ROOT))) {
                roles.add(role);
            }
        }
        return new Requester(security.getUserPrincipal().getName(), roles);
    }
}
