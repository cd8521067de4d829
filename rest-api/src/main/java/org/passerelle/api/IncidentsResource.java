package org.passerelle.api;

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
import org.passerelle.directory.Requester;
import org.passerelle.incident.Actor;
import org.passerelle.incident.Diagnosis;
import org.passerelle.incident.Incident;
import org.passerelle.incident.IncidentFilter;
import org.passerelle.incident.IncidentRefused;
import org.passerelle.incident.IncidentState;
import org.passerelle.incident.Incidents;

/**
 * Incidents under {@code /api/v1/incidents} (docs/incidents.md): raise, list (newest first, paged,
 * {@code ?state=&application=}), read one with its timeline, and its steps: {@code /state},
 * {@code /diagnosis}, {@code /assignment}, {@code /comments}. Who may do what is the ejb's
 * ({@link Incidents}): anyone logged in reaches these, and sees only the incidents they may.
 */
@Path("incidents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IncidentsResource {

    @EJB
    private Incidents incidents;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response raise(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IncidentForm.class))) String body) {
        IncidentForm form = Forms.read(body, IncidentForm.class);
        Incident incident = incidents.raise(requester(), form.title(), form.description(), form.application());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(incident.getId())).build())
                .entity(IncidentView.of(incident)).build();
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("application") String application,
                         @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Pages.check(limit, offset);
        IncidentFilter filter = new IncidentFilter(state(state, "state"), application, limit, offset);
        Requester requester = requester();
        return Pages.page(incidents.list(requester, filter).stream().map(IncidentView::of).toList(),
                incidents.count(requester, filter), limit, offset, uri);
    }

    @GET
    @Path("{id: \\d+}")
    public IncidentView get(@PathParam("id") long id) {
        return IncidentView.of(incidents.find(requester(), id));
    }

    @POST
    @Path("{id: \\d+}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    public IncidentView move(@PathParam("id") long id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IncidentStepForm.class))) String body) {
        IncidentStepForm form = Forms.read(body, IncidentStepForm.class);
        if (form.state() == null) {
            throw IncidentRefused.invalid("state", "the state to move the incident to: " + states());
        }
        return IncidentView.of(incidents.move(requester(), id, state(form.state(), "state"), form.comment()));
    }

    @POST
    @Path("{id: \\d+}/diagnosis")
    @Consumes(MediaType.APPLICATION_JSON)
    public IncidentView diagnose(@PathParam("id") long id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IncidentStepForm.class))) String body) {
        IncidentStepForm form = Forms.read(body, IncidentStepForm.class);
        return IncidentView.of(incidents.diagnose(requester(), id, Diagnosis.of(form.causes()), form.comment()));
    }

    @POST
    @Path("{id: \\d+}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public IncidentView assign(@PathParam("id") long id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IncidentStepForm.class))) String body) {
        IncidentStepForm form = Forms.read(body, IncidentStepForm.class);
        return IncidentView.of(incidents.assign(requester(), id, actor(form.actor()), form.assignee(), form.comment()));
    }

    @POST
    @Path("{id: \\d+}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    public IncidentView comment(@PathParam("id") long id, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CommentForm.class))) String body) {
        return IncidentView.of(incidents.comment(requester(), id, Forms.read(body, CommentForm.class).comment()));
    }

    private Requester requester() {
        return Requesters.of(security);
    }

    private static IncidentState state(String text, String field) {
        try {
            return text == null ? null : IncidentState.of(text);
        } catch (IllegalArgumentException e) {
            throw IncidentRefused.invalid(field, "unknown state " + text + ", one of " + states());
        }
    }

    private static String states() {
        return String.join(", ", java.util.Arrays.stream(IncidentState.values()).map(IncidentState::label).toList());
    }

    private static Actor actor(String text) {
        if (text == null || text.isBlank()) {
            throw IncidentRefused.invalid("actor", "the actor assigned: " + actors());
        }
        try {
            return Actor.of(text);
        } catch (IllegalArgumentException e) {
            throw IncidentRefused.invalid("actor", "unknown actor " + text + ", one of " + actors());
        }
    }

    private static String actors() {
        return String.join(", ", java.util.Arrays.stream(Actor.values()).map(Actor::label).toList());
    }
}
