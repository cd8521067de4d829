package org.passerelle.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors JAX-RS itself raises (a role that does not allow the method: 403; no such path: 404;
 * wrong method or media type: 405, 406, 415; unreadable JSON: 400) as problems. Their details are
 * ours: the exceptions' own messages name classes and internals of the server.
 */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response.StatusType status = exception.getResponse().getStatusInfo();
        return Problem.response(status, detail(status.getStatusCode()));
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request cannot be read: check its JSON body and its parameters";
            case 403 -> "your roles do not allow this";
            case 404 -> "no such resource";
            case 405 -> "this resource does not take that method";
            case 406 -> "this resource answers application/json (text/plain where it says so)";
            case 415 -> "send the body as application/json";
            default -> "the request could not be served";
        };
    }
}
