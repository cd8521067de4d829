package org.passerelle.api;

import jakarta.ws.rs.core.SecurityContext;

/** Who calls the API, for the audit log: the authenticated login (the container lets nobody else in). */
final class Actor {

    private Actor() {
    }

    static String of(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
