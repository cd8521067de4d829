package org.passerelle.api;

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
        return Requester.of(security.getUserPrincipal().getName(), security::isUserInRole);
    }
}
