package org.passerelle.api;

import jakarta.ws.rs.core.EntityTag;

import org.passerelle.directory.DirectoryRecord;
import org.passerelle.refusal.Refusal;

/**
 * ETags, and the {@code If-Match} every change to a versioned resource (a directory record, a change
 * request) must carry: without it the API answers 428, so that nobody overwrites or moves on
 * something they have not seen.
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
            throw new Refusal(Refusal.Reason.VERSION_REQUIRED, "send the ETag of the record you read in If-Match");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }
}
