package org.passerelle.incident;

/** Which incidents to list, newest first; each criterion is optional ({@code null}). */
public record IncidentFilter(IncidentState state, String application, int limit, int offset) {

    public static final int MAXIMAL_LIMIT = 1000;

    public IncidentFilter {
        if (limit < 1 || limit > MAXIMAL_LIMIT) {
            throw IncidentRefused.invalid("limit", "limit is between 1 and " + MAXIMAL_LIMIT);
        }
        if (offset < 0) {
            throw IncidentRefused.invalid("offset", "offset is 0 or more");
        }
    }
}
