package org.passerelle.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.passerelle.directory.EntryKind;
import org.passerelle.directory.NamingPlans;

/**
 * {@code /api/v1/domains}: Managed mail domains, and each domain's naming plan
 * ({@code /{domain}/naming-plan}): the forms its application senders must have, read like the
 * domain, added ({@code PUT .../naming-plan/{form}}) and removed ({@code DELETE}) by the central
 * service; each answers the plan as it is after the change.
 */
@Path("domains")
@RequestScoped
public class DomainsResource extends DirectoryRecordsResource {

    @EJB
    private NamingPlans namingPlans;

    @Context
    private SecurityContext caller;

    @Override
    protected EntryKind kind() {
        return EntryKind.DOMAIN;
    }

    @GET
    @Path("{name}/naming-plan")
    @RolesAllowed({Roles.CENTRAL, Roles.OPERATIONS, Roles.AUDITOR})
    public List<String> namingPlan(@PathParam("name") String name) {
        return namingPlans.forms(name);
    }

    @PUT
    @Path("{name}/naming-plan/{form}")
    @RolesAllowed(Roles.CENTRAL)
    public List<String> addForm(@PathParam("name") String name, @PathParam("form") String form) {
        return namingPlans.add(name, form, Actor.of(caller));
    }

    @DELETE
    @Path("{name}/naming-plan/{form}")
    @RolesAllowed(Roles.CENTRAL)
    public List<String> removeForm(@PathParam("name") String name, @PathParam("form") String form) {
        return namingPlans.remove(name, form, Actor.of(caller));
    }
}
