package org.passerelle.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.directory.DirectoryRecordRefused;

/** A refused directory read or write: 404, 409, 412, or 400 naming the field. */
@Provider
public class DirectoryRefusedMapper implements ExceptionMapper<DirectoryRecordRefused> {

    @Override
    public Response toResponse(DirectoryRecordRefused refused) {
        return switch (refused.reason()) {
            case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, refused.getMessage());
            case CONFLICT -> Problem.response(Response.Status.CONFLICT, refused.getMessage());
            case STALE -> Problem.response(Response.Status.PRECONDITION_FAILED, refused.getMessage());
            case INVALID -> Problem.invalid(refused.field(), refused.getMessage());
        };
    }
}
