package org.passerelle.api;

import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.passerelle.quarantine.OutbreakMode;
import org.passerelle.quarantine.Quarantine;
import org.passerelle.quarantine.QuarantinedMessage;
import org.passerelle.refusal.Refusal;
import org.passerelle.spool.QueueId;

/**
 * {@code /api/v1/quarantine}: the messages the content checks held (list, one, its content,
 * release after a new virus scan, delete) and {@code /api/v1/quarantine/outbreak}, the switch of
 * outbreak mode. Who may do what is decided in the ejb ({@code QuarantineRules}); every action is
 * audited there.
 */
@Path("quarantine")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    @EJB
    private Quarantine quarantine;

    @EJB
    private OutbreakMode outbreak;

    @Context
    private SecurityContext security;

    /** Newest first; {@code reason} filters on the reason's text (virus, attachment, spam, outbreak). */
    @GET
    public java.util.List<QuarantinedMessage> list(@QueryParam("reason") String reason,
                                                   @QueryParam("limit") @DefaultValue("100") int limit,
                                                   @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        return quarantine.list(Requesters.of(security), reason == null || reason.isBlank() ? null : reason, offset, limit);
    }

    @GET
    @Path("{queueId}")
    public QuarantinedMessage show(@PathParam("queueId") String queueId) {
        return quarantine.inspect(Requesters.of(security), valid(queueId));
    }

    /** The message as received, to open in a mail program. */
    @GET
    @Path("{queueId}/content")
    @Produces({"message/rfc822", MediaType.TEXT_PLAIN})
    public Response content(@PathParam("queueId") String queueId) {
        byte[] message = quarantine.download(Requesters.of(security), valid(queueId));
        return Response.ok(message).header("Content-Disposition", "attachment; filename=\"" + queueId + ".eml\"").build();
    }

    /** Scanned again; clean, delivered (its {@code reason} is then null); infected, still in quarantine. */
    @POST
    @Path("{queueId}/release")
    public QuarantinedMessage release(@PathParam("queueId") String queueId) {
        return quarantine.release(Requesters.of(security), valid(queueId));
    }

    @DELETE
    @Path("{queueId}")
    public Response delete(@PathParam("queueId") String queueId) {
        quarantine.delete(Requesters.of(security), valid(queueId));
        return Response.noContent().build();
    }

    @GET
    @Path("outbreak")
    public Map<String, Object> outbreak() {
        return Map.of("on", outbreak.on());
    }

    /** {@code {"on": true}} or {@code {"on": false}}; off releases what outbreak mode quarantined, after a new scan. */
    @PUT
    @Path("outbreak")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> switchOutbreak(OutbreakForm body) {
        if (body == null || body.on() == null) {
            throw Refusal.invalid("on", "must be true or false");
        }
        boolean on = body.on();
        int released = outbreak.turn(Requesters.of(security), on);
        return Map.of("on", on, "released", released);
    }

    private static String valid(String queueId) {
        if (!QueueId.isValid(queueId)) {
            throw Refusal.invalid("queueId", "not a queue id: " + queueId);
        }
        return queueId;
    }
}
