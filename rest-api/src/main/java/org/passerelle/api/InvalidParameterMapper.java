package org.passerelle.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidParameterMapper implements ExceptionMapper<InvalidParameter> {

    @Override
    public Response toResponse(InvalidParameter invalid) {
        return Problem.invalid(invalid.field(), invalid.getMessage());
    }
}
