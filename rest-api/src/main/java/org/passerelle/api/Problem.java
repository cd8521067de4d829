package org.passerelle.api;

import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail, the body of every error the API returns. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String detail) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
