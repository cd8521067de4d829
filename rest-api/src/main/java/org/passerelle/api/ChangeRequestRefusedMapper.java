package org.passerelle.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.workflow.ChangeRequestRefused;

/**
 * Why the workflow refused, as a problem: 400 naming the field, 403, 404, 409 for a transition the
 * state forbids or a change the directory did not take, 412 for a request changed since its ETag.
 */
@Provider
public class ChangeRequestRefusedMapper implements ExceptionMapper<ChangeRequestRefused> {

    @Override
    public Response toResponse(ChangeRequestRefused refused) {
        return switch (refused.reason()) {
            case INVALID -> Problem.invalid(refused.field(), refused.getMessage());
            case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, refused.getMessage());
            case FORBIDDEN -> Problem.response(Response.Status.FORBIDDEN, refused.getMessage());
            case CONFLICT, NOT_APPLIED -> Problem.response(Response.Status.CONFLICT, refused.getMessage());
            case STALE -> Problem.response(Response.Status.PRECONDITION_FAILED, refused.getMessage());
        };
    }
}
