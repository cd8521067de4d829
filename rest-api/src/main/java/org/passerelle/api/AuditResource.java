package org.passerelle.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.passerelle.audit.AuditLog;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, filtered by actor, action, target and time
 * ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants), a page at a time. Read-only:
 * no method changes it.
 */
@Path("audit")
@RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL, Roles.AUDITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    private AuditLog audit;

    @Context
    private UriInfo uri;

    @GET
    public Response search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("target") String target, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        Instant since = QueryParameters.instant("from", from);
        Instant until = QueryParameters.instant("to", to);
        return Pages.page(audit.search(actor, action, target, since, until, offset, limit),
                audit.count(actor, action, target, since, until), limit, offset, uri);
    }
}
