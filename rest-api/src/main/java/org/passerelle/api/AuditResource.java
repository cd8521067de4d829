package org.passerelle.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.passerelle.audit.AuditEntry;
import org.passerelle.audit.AuditLog;

/** {@code GET /api/v1/audit}: the audit log, newest first. Read-only: no method changes it. */
@Path("audit")
@RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL, Roles.AUDITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_LIMIT = 1000;

    @EJB
    private AuditLog audit;

    @GET
    public Response search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("target") String target, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<AuditEntry> entries = audit.search(actor, action, target, limit);
        return Response.ok(entries).build();
    }
}
