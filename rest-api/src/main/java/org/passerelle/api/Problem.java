package org.passerelle.api;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error the API returns.
 *
 * @param field for invalid input, the request field at fault (an extension member)
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.StatusType status, String detail) {
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null));
    }

    /** A problem about the state of a resource, naming the request field that asked for what the state does not allow. */
    public static Response of(Response.StatusType status, String detail, String field) {
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field));
    }

    public static Response invalid(String field, String detail) {
        Response.Status status = Response.Status.BAD_REQUEST;
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
