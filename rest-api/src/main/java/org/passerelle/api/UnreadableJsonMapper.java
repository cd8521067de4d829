package org.passerelle.api;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON: 400, without the parser's own words. */
@Provider
public class UnreadableJsonMapper implements ExceptionMapper<JsonException> {

    @Override
    public Response toResponse(JsonException exception) {
        return Problem.response(Response.Status.BAD_REQUEST, WebApplicationProblemMapper.detail(400));
    }
}
