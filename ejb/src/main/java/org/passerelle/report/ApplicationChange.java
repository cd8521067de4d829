package org.passerelle.report;

import java.time.Instant;

/**
 * An application added to or removed from the directory during the report's month, by an applied
 * change request.
 *
 * @param entity {@code null} when the request did not name it
 */
public record ApplicationChange(String application, String entity, Instant appliedAt, long request) {
}
