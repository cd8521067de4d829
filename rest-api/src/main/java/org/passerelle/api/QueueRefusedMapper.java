package org.passerelle.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.passerelle.queue.QueueOperationRefused;

/** A queue operation on a message that is not there (404) or not in a state it applies to (409). */
@Provider
public class QueueRefusedMapper implements ExceptionMapper<QueueOperationRefused> {

    @Override
    public Response toResponse(QueueOperationRefused refused) {
        return Problem.response(refused.notFound() ? Response.Status.NOT_FOUND : Response.Status.CONFLICT, refused.getMessage());
    }
}
