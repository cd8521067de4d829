package org.passerelle.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
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

import org.passerelle.directory.Requester;
import org.passerelle.queue.QueueFilter;
import org.passerelle.queue.QueueOperations.Operation;
import org.passerelle.queue.QueueOperations;
import org.passerelle.queue.QueueShape;
import org.passerelle.refusal.Refusal;
import org.passerelle.smtp.client.NextHop;
import org.passerelle.spool.QueueId;
import org.passerelle.tracking.MessageState;

/**
 * Queue operations under {@code /api/v1/queue}: list with filters, a message's headers, retry, hold,
 * release, bounce and delete one message or every message a filter selects, pause and resume a next
 * hop; the queue's shape by domain and age. Every change is audited, with the caller's login.
 * Operations and the central service change; the auditor reads.
 */
@Path("queue")
@RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL, Roles.AUDITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private static final int MAX_SHAPE_DOMAINS = 1000;

    @EJB
    private QueueOperations queue;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    public Response list(@QueryParam("sender") String sender, @QueryParam("recipient") String recipient,
                         @QueryParam("recipientDomain") String recipientDomain, @QueryParam("application") String application,
                         @QueryParam("nextHop") String nextHop,
                         @QueryParam("state") String state, @QueryParam("olderThanMinutes") Integer olderThanMinutes,
                         @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        QueueFilter filter = filter(sender, recipient, recipientDomain, application, nextHop, state, olderThanMinutes, limit);
        return Pages.page(queue.list(filter, offset).stream().map(m -> MessageView.of(m, null)).toList(), queue.count(filter),
                limit, offset, uri);
    }

    @GET
    @Path("{queueId}/headers")
    @Produces(MediaType.TEXT_PLAIN)
    public Response headers(@PathParam("queueId") String queueId) {
        if (!QueueId.isValid(queueId)) {
            throw Refusal.invalid("queueId", "not a queue id: " + queueId);
        }
        return Response.ok(queue.headers(queueId)).build();
    }

    @POST
    @Path("{queueId}/{action: retry|hold|release|bounce}")
    @RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL})
    public Response act(@PathParam("queueId") String queueId, @PathParam("action") String action) {
        return apply(Operation.valueOf(action.toUpperCase(Locale.ROOT)), queueId);
    }

    @DELETE
    @Path("{queueId}")
    @RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL})
    public Response delete(@PathParam("queueId") String queueId) {
        return apply(Operation.DELETE, queueId);
    }

    /** {@code POST /queue/actions/{action}?filters}: the action on every message the filters select. */
    @POST
    @Path("actions/{action: retry|hold|release|bounce|delete}")
    @RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL})
    public Response actOnAll(@PathParam("action") String action, @QueryParam("sender") String sender,
                             @QueryParam("recipient") String recipient, @QueryParam("recipientDomain") String recipientDomain,
                             @QueryParam("application") String application,
                             @QueryParam("nextHop") String nextHop, @QueryParam("state") String state,
                             @QueryParam("olderThanMinutes") Integer olderThanMinutes,
                             @QueryParam("limit") @DefaultValue("10000") int limit) {
        QueueFilter filter = filter(sender, recipient, recipientDomain, application, nextHop, state, olderThanMinutes, limit);
        int applied = queue.applyAll(Operation.valueOf(action.toUpperCase(Locale.ROOT)), filter, actor());
        return Response.ok(Map.of("applied", applied)).build();
    }

    /**
     * {@code GET /queue/shape?domains=20}: the queue by destination domain and age in minutes, like
     * Postfix's qshape: the bucket names, the totals, then the busiest domains.
     */
    @GET
    @Path("shape")
    public ShapeView shape(@QueryParam("domains") @DefaultValue("20") int domains) {
        if (domains < 1 || domains > MAX_SHAPE_DOMAINS) {
            throw Refusal.invalid("domains", "must be between 1 and " + MAX_SHAPE_DOMAINS);
        }
        QueueShape shape = queue.shape(domains);
        return new ShapeView(QueueShape.BUCKETS, shape.total(), shape.domains());
    }

    /** The queue's shape: the age buckets' names (minutes), the totals, the busiest domains. */
    public record ShapeView(List<String> bucketsMinutes, QueueShape.Row total, List<QueueShape.Row> domains) {
    }

    @GET
    @Path("next-hops/paused")
    public List<String> pausedNextHops() {
        return queue.pausedNextHops();
    }

    @POST
    @Path("next-hops/{nextHop}/{action: pause|resume}")
    @RolesAllowed({Roles.OPERATIONS, Roles.CENTRAL})
    public Response pauseOrResume(@PathParam("nextHop") String nextHop, @PathParam("action") String action) {
        try {
            NextHop.parse(nextHop);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("nextHop", e.getMessage());
        }
        if (action.equals("pause")) {
            queue.pause(nextHop, actor());
        } else {
            queue.resume(nextHop, actor());
        }
        return Response.ok(queue.pausedNextHops()).build();
    }

    private Response apply(Operation action, String queueId) {
        if (!QueueId.isValid(queueId)) {
            throw Refusal.invalid("queueId", "not a queue id: " + queueId);
        }
        queue.apply(action, queueId, actor());
        return Response.noContent().build();
    }

    private Requester actor() {
        return Requesters.of(security);
    }

    private static QueueFilter filter(String sender, String recipient, String recipientDomain, String application, String nextHop,
                                      String state, Integer olderThanMinutes, int limit) {
        MessageState wanted = QueryParameters.state("state", state);
        if (wanted != null && wanted.finished()) {
            throw Refusal.invalid("state", wanted + " messages are no longer in the queue");
        }
        if (nextHop != null) {
            try {
                NextHop.parse(nextHop);
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("nextHop", e.getMessage());
            }
        }
        if (olderThanMinutes != null && olderThanMinutes < 0) {
            throw Refusal.invalid("olderThanMinutes", "must not be negative");
        }
        if (limit < 1 || limit > QueueFilter.MAX_LIMIT) {
            throw Refusal.invalid("limit", "must be between 1 and " + QueueFilter.MAX_LIMIT);
        }
        return new QueueFilter(sender, recipient, recipientDomain, application, nextHop, wanted,
                olderThanMinutes == null ? null : Duration.ofMinutes(olderThanMinutes), limit);
    }
}
