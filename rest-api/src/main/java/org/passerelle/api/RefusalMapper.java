package org.passerelle.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.refusal.Refusal;

/** Every refusal, as one problem: 400 naming the field, 403, 404, 409 (naming the field when one asked for it), 412 or 428. */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

    @Override
    public Response toResponse(Refusal refused) {
        return switch (refused.reason()) {
            case INVALID -> Problem.invalid(refused.field(), refused.getMessage());
            case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, refused.getMessage());
            case FORBIDDEN -> Problem.response(Response.Status.FORBIDDEN, refused.getMessage());
            case CONFLICT, NOT_APPLIED -> Problem.of(Response.Status.CONFLICT, refused.getMessage(), refused.field());
            case STALE -> Problem.response(Response.Status.PRECONDITION_FAILED, refused.getMessage());
            case VERSION_REQUIRED -> Problem.response(Response.Status.PRECONDITION_REQUIRED, refused.getMessage());
        };
    }
}
