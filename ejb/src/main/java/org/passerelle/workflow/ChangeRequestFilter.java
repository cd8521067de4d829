package org.passerelle.workflow;

/**
 * Which change requests to list, newest first; each criterion is optional ({@code null}).
 *
 * @param application the application's name: its whole request history
 */
public record ChangeRequestFilter(ChangeState state, String application, String author, int limit, int offset) {

    public static final int MAXIMAL_LIMIT = 1000;

    public ChangeRequestFilter {
        if (limit < 1 || limit > MAXIMAL_LIMIT) {
            throw ChangeRequestRefused.invalid("limit", "limit is between 1 and " + MAXIMAL_LIMIT);
        }
        if (offset < 0) {
            throw ChangeRequestRefused.invalid("offset", "offset is 0 or more");
        }
    }
}
