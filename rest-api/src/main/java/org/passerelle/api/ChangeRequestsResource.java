package org.passerelle.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.passerelle.directory.Requester;
import org.passerelle.workflow.ChangeRequest;
import org.passerelle.workflow.ChangeRequestFilter;
import org.passerelle.workflow.ChangeRequestRefused;
import org.passerelle.workflow.ChangeRequests;
import org.passerelle.workflow.ChangeState;

/**
 * The change-request workflow under {@code /api/v1/change-requests}: submit, list (an application's
 * history with {@code ?application=}), read one with its checks and transitions, and move it on
 * ({@code /validate}, {@code /reject}, {@code /apply}, {@code /withdraw}) with a comment and the
 * request's {@code ETag} in {@code If-Match} (required, as for every versioned resource).
 */
@Path("change-requests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChangeRequestsResource {

    @EJB
    private ChangeRequests requests;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChangeRequestForm.class))) String body) {
        if (body == null || body.isBlank()) {
            throw ChangeRequestRefused.invalid("kind", "a change request is a JSON object");
        }
        ChangeRequestForm form = Forms.read(body, ChangeRequestForm.class);
        ChangeRequest request = requests.submit(requester(), form.change(), form.comment());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(request.getId())).build())
                .tag(ChangeRequestView.etag(request)).entity(ChangeRequestView.of(request)).build();
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("application") String application,
                         @QueryParam("author") String author, @QueryParam("limit") @DefaultValue("100") int limit,
                         @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        ChangeRequestFilter filter = new ChangeRequestFilter(state(state), application, author, limit, offset);
        Requester requester = requester();
        return Pages.page(requests.list(requester, filter).stream().map(ChangeRequestView::of).toList(),
                requests.count(requester, filter), limit, offset, uri);
    }

    @GET
    @Path("{id: \\d+}")
    public Response get(@PathParam("id") long id) {
        return view(requests.find(requester(), id));
    }

    @POST
    @Path("{id: \\d+}/{action: validate|reject|apply|withdraw}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response act(@PathParam("id") long id, @PathParam("action") String action,
                        @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                schema = @Schema(implementation = CommentForm.class))) String body,
                        @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String comment = Forms.read(body, CommentForm.class).comment();
        int version = version(ifMatch);
        Requester requester = requester();
        return view(switch (action) {
            case "validate" -> requests.validate(requester, id, comment, version);
            case "reject" -> requests.reject(requester, id, comment, version);
            case "apply" -> requests.apply(requester, id, comment, version);
            default -> requests.withdraw(requester, id, comment, version);
        });
    }

    private Requester requester() {
        return Requesters.of(security);
    }

    private static Response view(ChangeRequest request) {
        return Response.ok(ChangeRequestView.of(request)).tag(ChangeRequestView.etag(request)).build();
    }

    private static ChangeState state(String text) {
        try {
            return text == null ? null : ChangeState.of(text);
        } catch (IllegalArgumentException e) {
            throw ChangeRequestRefused.invalid("state", "unknown state: " + text);
        }
    }

    /** The version the {@code If-Match} names, required as on every versioned resource; -1 (matching none) when unreadable. */
    private static int version(String ifMatch) {
        String tag = Versions.required(ifMatch);
        return tag.matches("\\d{1,9}") ? Integer.parseInt(tag) : -1;
    }
}
