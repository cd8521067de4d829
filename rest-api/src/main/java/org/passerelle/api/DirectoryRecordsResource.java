package org.passerelle.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.passerelle.directory.DirectoryRecord;
import org.passerelle.directory.DirectoryRecordRefused;
import org.passerelle.directory.DirectoryRecords;
import org.passerelle.directory.EntryKind;
import org.passerelle.directory.SecurityList;
import org.passerelle.directory.SecurityListChanges;
import org.passerelle.directory.Visibility;
import org.passerelle.refusal.Refusal;

/**
 * One kind of directory entry under {@code /api/v1/<kind>}: list (paged, filtered by any field),
 * read with an ETag, and, for the central service, create, replace (with {@code If-Match}) and
 * delete. Applications and entities also have their managers and owners. Managers and owners see
 * their own applications and entities only; an entry they may not see answers 404, as one that
 * does not exist, so that its existence does not leak.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DirectoryRecordsResource {

    @EJB
    private DirectoryRecords records;

    @EJB
    private Visibility visibility;

    @EJB
    private SecurityListChanges securityListChanges;

    @EJB
    private SecurityList securityList;

    @Context
    private SecurityContext security;

    @Context
    protected UriInfo uri;

    @Context
    private Request request;

    protected abstract EntryKind kind();

    @GET
    public Response list(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        Visibility.Scope scope = readableScope();
        Map<String, String> filters = filters();
        List<JsonObject> found = records.list(kind()).stream()
                .filter(record -> scope.sees(kind(), record.name()))
                .filter(record -> record.matches(filters))
                .map(shown())
                .toList();
        return Pages.of(found, limit, offset, uri);
    }

    @GET
    @Path("{name}")
    public Response read(@PathParam("name") String name) {
        DirectoryRecord record = visible(name);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(Versions.tag(record));
        return notModified != null ? notModified.build() : Response.ok(shown().apply(record)).tag(Versions.tag(record)).build();
    }

    /** The body a client sent, without what {@link #shown()} adds: sent back, it is ignored like every read-only field. */
    protected JsonObject written(JsonObject body) {
        return body;
    }

    /** How the records of a request are shown: as they are, or with what Passerelle keeps about them elsewhere. */
    protected Function<DirectoryRecord, JsonObject> shown() {
        return DirectoryRecord::toJson;
    }

    @POST
    @RolesAllowed(Roles.CENTRAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        String name = body != null && body.get("name") instanceof JsonString text ? text.getString() : null;
        if (name == null) {
            throw DirectoryRecordRefused.invalid("name", "a " + kind().singular() + " needs a name");
        }
        DirectoryRecord created = records.create(DirectoryRecord.fromJson(kind(), name, written(body)), Actor.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build())
                .tag(Versions.tag(created)).entity(shown().apply(created)).build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.CENTRAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("name") String name, JsonObject body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        String version = Versions.required(ifMatch);
        if (body == null) {
            throw DirectoryRecordRefused.invalid("name", "the body is the " + kind().singular() + " as JSON");
        }
        if (body.containsKey("name") && !(body.get("name") instanceof JsonString text && text.getString().equals(name))) {
            throw DirectoryRecordRefused.invalid("name", "a " + kind().singular() + " cannot be renamed");
        }
        DirectoryRecord replaced = records.replace(DirectoryRecord.fromJson(kind(), name, written(body)), version, Actor.of(security));
        return Response.ok(shown().apply(replaced)).tag(Versions.tag(replaced)).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.CENTRAL)
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        records.delete(kind(), name, Versions.required(ifMatch), Actor.of(security));
        return Response.noContent().build();
    }

    /** {@code GET .../{name}/managers} or {@code /owners}: their logins. */
    @GET
    @Path("{name}/{role: managers|owners}")
    public List<String> holders(@PathParam("name") String name, @PathParam("role") String role) {
        visible(name);
        return securityList.holders(securityListKind(), name, role(role));
    }

    /** Adds a manager or owner: the central service only; owners change managers through change requests. */
    @PUT
    @Path("{name}/{role: managers|owners}/{login}")
    @RolesAllowed(Roles.CENTRAL)
    public Response addHolder(@PathParam("name") String name, @PathParam("role") String role, @PathParam("login") String login) {
        securityListChanges.add(securityListKind(), name, role(role), login, Actor.of(security));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{name}/{role: managers|owners}/{login}")
    @RolesAllowed(Roles.CENTRAL)
    public Response removeHolder(@PathParam("name") String name, @PathParam("role") String role, @PathParam("login") String login) {
        securityListChanges.remove(securityListKind(), name, role(role), login, Actor.of(security));
        return Response.noContent().build();
    }

    private DirectoryRecord visible(String name) {
        Visibility.Scope scope = readableScope();
        return records.find(kind(), name).filter(record -> scope.sees(kind(), record.name()))
                .orElseThrow(() -> DirectoryRecordRefused.notFound(kind(), name));
    }

    private Visibility.Scope readableScope() {
        return visibility.readable(Requesters.of(security), kind())
                .orElseThrow(() -> new Refusal(Refusal.Reason.FORBIDDEN, "your roles do not allow reading " + kind().unit()));
    }

    /** Every query parameter but the page's is a filter on a field of the kind. */
    private Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((parameter, values) -> {
            if (parameter.equals("limit") || parameter.equals("offset")) {
                return;
            }
            if (!parameter.equals("name") && kind().field(parameter).isEmpty()) {
                throw Refusal.invalid(parameter, "a " + kind().singular() + " has no field " + parameter);
            }
            filters.put(parameter, values.get(0));
        });
        return filters;
    }

    private SecurityList.Kind securityListKind() {
        return switch (kind()) {
            case APPLICATION -> SecurityList.Kind.APPLICATION;
            case ENTITY -> SecurityList.Kind.ENTITY;
            default -> throw new NotFoundException();
        };
    }

    private static SecurityList.Role role(String plural) {
        return SecurityList.Role.valueOf(plural.substring(0, plural.length() - 1).toUpperCase(Locale.ROOT));
    }
}
