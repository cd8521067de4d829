package org.passerelle.api;

import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.passerelle.directory.EntryKind;
import org.passerelle.directory.GatewayContacts;

/**
 * {@code /api/v1/gateways}: the gateway sites, and each site's distribution list
 * ({@code /{name}/contacts}): the managers and owners of the applications assigned to it, as JSON
 * (paged like every list) or, asked for {@code text/plain}, every address, one per line.
 */
@Path("gateways")
@RequestScoped
public class GatewaysResource extends DirectoryRecordsResource {

    @EJB
    private GatewayContacts contacts;

    @Override
    protected EntryKind kind() {
        return EntryKind.GATEWAY;
    }

    @GET
    @Path("{name}/contacts")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CENTRAL, Roles.OPERATIONS, Roles.AUDITOR})
    public Response contacts(@PathParam("name") String name, @QueryParam("limit") @DefaultValue("100") int limit,
                             @QueryParam("offset") @DefaultValue("0") int offset) {
        return Pages.of(contacts.of(name), limit, offset, uri);
    }

    @GET
    @Path("{name}/contacts")
    // less preferred than JSON when the client accepts both (curl's */*)
    @Produces("text/plain;qs=0.5")
    @RolesAllowed({Roles.CENTRAL, Roles.OPERATIONS, Roles.AUDITOR})
    public String contactAddresses(@PathParam("name") String name) {
        return contacts.of(name).stream().map(GatewayContacts.Contact::mail).filter(mail -> mail != null)
                .distinct().map(mail -> mail + "\n").collect(Collectors.joining());
    }
}
