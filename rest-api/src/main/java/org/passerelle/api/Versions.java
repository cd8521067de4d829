package org.passerelle.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import org.passerelle.directory.DirectoryRecord;

/**
 * ETags of directory records, and the {@code If-Match} every update and delete must carry: without
 * it the API answers 428, so that nobody overwrites a change they have not seen.
 */
final class Versions {

    private Versions() {
    }

    static EntityTag tag(DirectoryRecord record) {
        return new EntityTag(record.version());
    }

    /** The version an {@code If-Match} header names. */
    static String required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequired();
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }

    /** No {@code If-Match} on a write that needs one. */
    static final class PreconditionRequired extends WebApplicationException {
        PreconditionRequired() {
            super("send the ETag of the record you read in If-Match", Response.Status.PRECONDITION_REQUIRED);
        }
    }
}
