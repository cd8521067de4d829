package org.passerelle.api;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.passerelle.refusal.Refusal;

/**
 * Lists a page at a time: {@code limit} items from {@code offset}, the body a JSON array, the
 * total in {@code X-Total-Count} and the following page as a {@code Link} with {@code rel="next"}.
 */
final class Pages {

    static final String TOTAL_COUNT = "X-Total-Count";
    private static final int MAX_LIMIT = 1000;

    private Pages() {
    }

    static void check(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Refusal.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw Refusal.invalid("offset", "must not be negative");
        }
        if ((long) offset + limit > Integer.MAX_VALUE) {
            throw Refusal.invalid("offset", "offset + limit must stay below " + Integer.MAX_VALUE);
        }
    }

    /** A page of a list read whole. */
    static Response of(List<?> all, int limit, int offset, UriInfo uri) {
        check(limit, offset);
        List<?> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        return page(page, all.size(), limit, offset, uri);
    }

    /** A page the caller has read already, out of {@code total}. */
    static Response page(List<?> page, long total, int limit, int offset, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page).header(TOTAL_COUNT, total);
        if (offset + limit < total) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("limit", limit)
                    .replaceQueryParam("offset", offset + limit).build(), "next");
        }
        return response.build();
    }
}
