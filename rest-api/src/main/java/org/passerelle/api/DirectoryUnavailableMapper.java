package org.passerelle.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.directory.DirectoryUnavailableException;

/** The directory cannot be reached, or refused a write: 503, nothing changed. */
@Provider
public class DirectoryUnavailableMapper implements ExceptionMapper<DirectoryUnavailableException> {

    @Override
    public Response toResponse(DirectoryUnavailableException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "the directory cannot be used: " + e.getMessage());
    }
}
