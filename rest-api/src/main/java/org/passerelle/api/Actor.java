package org.passerelle.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;

/** Who calls the API, for the audit log: the authenticated user, or the client's address until then. */
final class Actor {

    private Actor() {
    }

    static String of(SecurityContext security, HttpServletRequest request) {
        return security.getUserPrincipal() != null
                ? security.getUserPrincipal().getName()
                : "anonymous@" + request.getRemoteAddr();
    }
}
