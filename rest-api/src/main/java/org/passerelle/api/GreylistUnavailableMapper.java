package org.passerelle.api;

import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.greylist.GreylistUnavailableException;

/** The greylist's database cannot be used: 503, as for the directory; the details go to the server's log only. */
@Provider
public class GreylistUnavailableMapper implements ExceptionMapper<GreylistUnavailableException> {

    private static final Logger LOG = Logger.getLogger(GreylistUnavailableMapper.class.getName());

    @Override
    public Response toResponse(GreylistUnavailableException e) {
        LOG.warning("API call answered 503: " + e.getMessage());
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "the greylist cannot be read now; try again later");
    }
}
