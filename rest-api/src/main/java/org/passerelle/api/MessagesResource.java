package org.passerelle.api;

import java.util.List;

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

import org.passerelle.refusal.Refusal;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.MessageQuery;
import org.passerelle.tracking.MessageTracking;
import org.passerelle.tracking.TrackedMessage;

/** Message tracking: {@code GET /api/v1/messages} searches, {@code GET /api/v1/messages/{queueId}} shows one. */
@Path("messages")
@RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL, Roles.AUDITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    @EJB
    private MessageTracking tracking;

    @GET
    public Response search(@QueryParam("queueId") String queueId, @QueryParam("sender") String sender,
                           @QueryParam("limit") @DefaultValue("50") int limit) {
        if (queueId != null && !QueueId.isValid(queueId)) {
            throw Refusal.invalid("queueId", "not a queue id: " + queueId);
        }
        if (limit < 1 || limit > MessageQuery.MAX_LIMIT) {
            throw Refusal.invalid("limit", "must be between 1 and " + MessageQuery.MAX_LIMIT);
        }
        List<MessageView> found = tracking.search(new MessageQuery(queueId, sender, limit)).stream()
                .map(message -> MessageView.of(message, null))
                .toList();
        return Response.ok(found).build();
    }

    @GET
    @Path("{queueId}")
    public Response show(@PathParam("queueId") String queueId) {
        if (!QueueId.isValid(queueId)) {
            throw Refusal.invalid("queueId", "not a queue id: " + queueId);
        }
        List<TrackedMessage> found = tracking.search(new MessageQuery(queueId, null, 1));
        if (found.isEmpty()) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "no message with queue id " + queueId);
        }
        return Response.ok(MessageView.of(found.get(0), tracking.attempts(queueId))).build();
    }
}
