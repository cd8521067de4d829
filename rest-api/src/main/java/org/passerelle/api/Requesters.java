package org.passerelle.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.SecurityContext;

import org.passerelle.directory.Requester;

/**
 * The requester behind an API call: the authenticated login (the container lets nobody else in)
 * and the container roles ({@link Roles}) it holds, which are named like {@link Requester.Role}.
 */
final class Requesters {

    private Requesters() {
    }

    static Requester of(SecurityContext security) {
        Set<Requester.Role> roles = EnumSet.noneOf(Requester.Role.class);
        for (Requester.Role role : Requester.Role.values()) {
            if (security.isUserInRole(role.name().toLowerCase(Locale.ROOT))) {
                roles.add(role);
            }
        }
        return new Requester(security.getUserPrincipal().getName(), roles);
    }
}
