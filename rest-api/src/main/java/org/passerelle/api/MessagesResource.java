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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.passerelle.directory.Requester;
import org.passerelle.refusal.Refusal;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.MessageOrder;
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

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    /** The tracking log, newest first unless {@code sort} says otherwise, a page at a time; each filter is optional. */
    @GET
    public Response search(@QueryParam("queueId") String queueId, @QueryParam("sender") String sender,
                           @QueryParam("messageId") String messageId, @QueryParam("recipient") String recipient,
                           @QueryParam("application") String application, @QueryParam("clientAddress") String clientAddress,
                           @QueryParam("state") String state, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("sort") String sort,
                           @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        if (queueId != null && !QueueId.isValid(queueId)) {
            throw Refusal.invalid("queueId", "not a queue id: " + queueId);
        }
        MessageOrder order;
        try {
            order = MessageOrder.parse(sort);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("sort", e.getMessage());
        }
        MessageQuery query;
        try {
            query = new MessageQuery(queueId, sender, messageId, recipient, application, clientAddress,
                    QueryParameters.state("state", state), QueryParameters.instant("from", from), QueryParameters.instant("to", to),
                    offset, limit, order);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("to", e.getMessage());
        }
        Requester requester = Requesters.of(security);
        return Pages.page(tracking.search(requester, query).stream().map(message -> MessageView.of(message, null)).toList(),
                tracking.count(requester, query), limit, offset, uri);
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
        return Response.ok(MessageView.of(found.get(0), tracking.attempts(queueId), tracking.notices(queueId))).build();
    }
}
