package org.passerelle.api;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.directory.DirectoryUnavailableException;

/**
 * The directory cannot be reached, or refused a write: 503, nothing changed. The details (the
 * directory's URL, DNs, filters) go to the server's log, never into the answer.
 */
@Provider
public class DirectoryUnavailableMapper implements ExceptionMapper<DirectoryUnavailableException> {

    private static final Logger LOG = Logger.getLogger(DirectoryUnavailableMapper.class.getName());

    @Override
    public Response toResponse(DirectoryUnavailableException e) {
        LOG.warning("API call answered 503: " + e.getMessage());
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.publicMessage() + "; nothing was changed, try again later");
    }
}
