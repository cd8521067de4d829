package org.passerelle.api;

import java.net.URI;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses state-changing calls a web page of another site could make with a browser's cached Basic
 * credentials: such a page can send a POST only with a form's content types and no header of its
 * own, unless the browser first asks this server (a CORS preflight), which grants nothing. So a
 * call that changes something must carry a JSON body or the header {@value #REQUESTED_BY}, and,
 * when the browser names the page's origin, come from this server's own origin.
 */
@Provider
public class CrossSiteRequestFilter implements ContainerRequestFilter {

    static final String REQUESTED_BY = "X-Requested-By";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(URI.create(origin.trim()), request.getUriInfo().getBaseUri())) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN, "calls from another site's pages are refused (Origin "
                    + origin + ")"));
            return;
        }
        MediaType type = request.getMediaType();
        boolean json = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
        String requestedBy = request.getHeaderString(REQUESTED_BY);
        if (!json && (requestedBy == null || requestedBy.isBlank())) {
            request.abortWith(Problem.response(Response.Status.FORBIDDEN, "a call that changes something sends a JSON body "
                    + "(Content-Type: application/json) or the header " + REQUESTED_BY + " naming the client"));
        }
    }

    private static boolean sameOrigin(URI origin, URI server) {
        return server.getScheme().equalsIgnoreCase(String.valueOf(origin.getScheme()))
                && server.getHost().equalsIgnoreCase(String.valueOf(origin.getHost()))
                && port(server) == port(origin);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
