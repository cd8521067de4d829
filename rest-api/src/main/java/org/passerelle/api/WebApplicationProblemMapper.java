package org.passerelle.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors JAX-RS itself raises (a role that does not allow the method: 403; no such path: 404;
 * wrong method or media type: 405, 406, 415; unreadable JSON: 400) as problems.
 */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response.StatusType status = exception.getResponse().getStatusInfo();
        String detail = status.getStatusCode() == Response.Status.FORBIDDEN.getStatusCode()
                ? "your roles do not allow this"
                : exception.getMessage();
        return Problem.response(status, detail);
    }
}
