package org.passerelle.api;

import java.util.Arrays;
import java.util.stream.Collectors;

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

import org.passerelle.rate.RateKind;
import org.passerelle.rate.RatePage;
import org.passerelle.rate.RateWatch;
import org.passerelle.refusal.Refusal;

/**
 * {@code GET /api/v1/rates?kind=connections|messages|deliveries}: the busiest clients (connections
 * per client) or applications (messages queued, deliveries attempted) of the sliding hour, most
 * first, across the nodes as of their last flush, a page at a time (docs/rates.md).
 */
@Path("rates")
@RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL, Roles.AUDITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RatesResource {

    @EJB
    private RateWatch rates;

    @Context
    private UriInfo uri;

    @GET
    public Response busiest(@QueryParam("kind") @DefaultValue("connections") String kind,
                            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        RatePage page = rates.busiest(kind(kind), offset, limit);
        return Pages.page(page.figures(), page.total(), limit, offset, uri);
    }

    private static RateKind kind(String text) {
        try {
            return RateKind.of(text);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("kind", "one of " + Arrays.stream(RateKind.values()).map(RateKind::key)
                    .collect(Collectors.joining(", ")) + ", not " + text);
        }
    }
}
