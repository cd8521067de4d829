package org.passerelle.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import org.passerelle.dkim.DkimKey;
import org.passerelle.dkim.DkimKeys;
import org.passerelle.dkim.DmarcFailure;
import org.passerelle.dkim.DmarcFailures;
import org.passerelle.refusal.Refusal;

/**
 * {@code /api/v1/dkim-keys} (docs/dkim-and-alignment.md): the DKIM keys per signing domain, each
 * with the TXT record to publish (its value cut into strings of 255 characters); {@code POST} makes
 * one, {@code POST .../check} asks DNS whether it is published (from then on it signs),
 * {@code POST .../deactivate} stops it (central; everything audited). The private key is never in
 * an answer. {@code GET /api/v1/dkim-keys/dmarc-failures?days=30}: the applications whose mail
 * would fail DMARC. Who may do what is decided in the ejb.
 */
@Path("dkim-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DkimKeysResource {

    @EJB
    private DkimKeys keys;

    @EJB
    private DmarcFailures dmarc;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    /** Newest first; {@code domain} filters. */
    @GET
    public Response list(@QueryParam("domain") String domain, @QueryParam("limit") @DefaultValue("100") int limit,
                         @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        return Pages.of(keys.list(Requesters.of(security), domain).stream().map(DkimKeysResource::view).toList(), limit, offset, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DkimKeyForm.class))) String body) {
        DkimKeyForm form = Forms.read(body, DkimKeyForm.class);
        DkimKey key = keys.create(Requesters.of(security), form.domain());
        return Response.created(uri.getAbsolutePathBuilder().path(key.domain()).path(key.selector()).build()).entity(view(key)).build();
    }

    @GET
    @Path("{domain}/{selector}")
    public Map<String, Object> show(@PathParam("domain") String domain, @PathParam("selector") String selector) {
        return view(keys.find(Requesters.of(security), domain, selector));
    }

    /** Asks DNS now; the answer has {@code dnsCheck}: {@code PUBLISHED}, {@code MISMATCH}, {@code MISSING} or {@code UNKNOWN}. */
    @POST
    @Path("{domain}/{selector}/check")
    public Map<String, Object> check(@PathParam("domain") String domain, @PathParam("selector") String selector) {
        return view(keys.check(Requesters.of(security), domain, selector));
    }

    @POST
    @Path("{domain}/{selector}/deactivate")
    public Map<String, Object> deactivate(@PathParam("domain") String domain, @PathParam("selector") String selector) {
        return view(keys.deactivate(Requesters.of(security), domain, selector));
    }

    /** The applications whose mail of the last {@code days} (1 to 366) would fail DMARC, most failing first. */
    @GET
    @Path("dmarc-failures")
    public List<DmarcFailure> dmarcFailures(@QueryParam("days") @DefaultValue("30") int days) {
        if (days < 1 || days > 366) {
            throw Refusal.invalid("days", "from 1 to 366");
        }
        Instant now = Instant.now();
        return dmarc.between(Requesters.of(security), now.minus(Duration.ofDays(days)), now.plusSeconds(1));
    }

    static Map<String, Object> view(DkimKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("domain", key.domain());
        view.put("selector", key.selector());
        view.put("active", key.active());
        view.put("signing", key.signing());
        view.put("createdAt", key.createdAt().toString());
        view.put("createdBy", key.createdBy());
        view.put("publishedAt", key.publishedAt() == null ? null : key.publishedAt().toString());
        view.put("deactivatedAt", key.deactivatedAt() == null ? null : key.deactivatedAt().toString());
        view.put("deactivatedBy", key.deactivatedBy());
        view.put("dnsRecord", Map.of("name", key.dns().name(), "type", "TXT", "value", key.dns().value(), "strings", key.dns().strings(),
                "zoneLine", key.dns().zoneLine()));
        if (key.dnsCheck() != null) {
            view.put("dnsCheck", Map.of("status", key.dnsCheck().status().name(), "detail", key.dnsCheck().detail(),
                    "found", key.dnsCheck().found()));
        }
        return view;
    }
}
